package framebudgets.config;

/** Where the Delta tables go and which ones are written. */
public record OutputSettings(
        String root,
        String aggregatesByProcess,
        String aggregatesByExe,
        String topOffenders,
        String frameStats,
        String runLog,
        boolean writeFrameStats,
        String catalogDatabase) {

    /** The full location of a table folder under {@link #root()}. */
    public String location(String table) {
        return root.endsWith("/") ? root + table : root + "/" + table;
    }
}
