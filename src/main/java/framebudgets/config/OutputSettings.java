package framebudgets.config;

/** Where the Delta tables and the HTML report go, and which ones are written. */
public record OutputSettings(
        String root,
        String aggregatesByProcess,
        String aggregatesByExe,
        String topOffenders,
        String frameStats,
        String runLog,
        String framesByProcess,
        String framesByExe,
        String budgetChanges,
        String hitches,
        boolean writeFrameStats,
        boolean writeHtmlReport,
        String catalogDatabase) {

    /** The full location of a table folder under {@link #root()}. */
    public String location(String table) {
        return root.endsWith("/") ? root + table : root + "/" + table;
    }

    /** Where the HTML report of {@code reportDate} goes: {@code <root>/report-<date>.html}. */
    public String htmlReportLocation(java.time.LocalDate reportDate) {
        return location("report-" + reportDate + ".html");
    }
}
