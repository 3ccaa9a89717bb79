package framebudgets.html;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@link HtmlReportData} as one self-contained HTML page: inline CSS, inline SVG charts, no
 * script and nothing fetched from the network, so it opens from a mail attachment or a file share.
 * Sections (each an element id): summary, frames, budget share chart, percentile table with targets
 * coloured pass/warn/fail, regressions against the baseline, hitches, top offenders. Budgets lead
 * with their self time (inclusive time second). Every value from the
 * data is HTML-escaped.
 */
public final class HtmlReportPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
    private static final int CHART_BUDGETS = 15;
    /** The row of main-thread time in no budgeted span. */
    private static final String UNBUDGETED = "(unbudgeted)";

    private HtmlReportPage() {}

    public static String render(HtmlReportData d) {
        StringBuilder h = new StringBuilder(32_768);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Frame budgets ").append(d.reportDate()).append("</title>\n<style>").append(CSS).append("</style></head>\n<body>\n");
        h.append("<header><h1>Frame budgets — ").append(d.reportDate()).append("</h1><p class=\"muted\">window ")
                .append(esc(d.windowFrom().toString())).append(" – ").append(esc(d.windowTo().toString()))
                .append(" · run ").append(esc(d.runId())).append(" · status <b>").append(esc(d.status())).append("</b></p></header>\n");
        summary(h, d);
        for (HtmlReportData.Executable e : d.executables()) {
            executable(h, e);
        }
        regressions(h, d);
        hitches(h, d.hitches());
        offenders(h, d.offenders());
        h.append("<footer class=\"muted\">Self time: each nanosecond of the thread belongs to the innermost span with a budget (or to "
                + "no budget); inclusive time counts nested spans again. Percentiles are nearest-rank over the frames where the budget "
                + "appears (inclusive time); shares are of all frames and of total frame time of the executable's build. "
                + "Status: pass = p95 within target, warn = p95 over, fail = p50 over.</footer>\n");
        return h.append("</body></html>\n").toString();
    }

    private static void summary(StringBuilder h, HtmlReportData d) {
        long frames = 0;
        long time = 0;
        long hitches = 0;
        long over = 0;
        for (HtmlReportData.Executable e : d.executables()) {
            frames += e.frames().frames();
            time += e.frames().totalDuration();
            hitches += e.frames().hitches();
            over += e.frames().overTarget();
        }
        long regressions = d.changes().stream().filter(HtmlReportData.Change::regression).count();
        h.append("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
        card(h, "processes", d.processesReported() + " / " + d.processesFound(), "reported / found");
        card(h, "frames", String.format(Locale.ROOT, "%,d", frames), String.format(Locale.ROOT, "%.1f s of frame time", time / 1e9));
        card(h, "over frame target", frames == 0 ? "–" : pct((double) over / frames), over + " frames");
        card(h, "hitches", String.valueOf(hitches), time == 0 ? "" : String.format(Locale.ROOT, "%.2f per minute", hitches / (time / 60e9)));
        card(h, "regressions", d.hasBaseline() ? String.valueOf(regressions) : "–", d.hasBaseline() ? "budgets against the baseline" : "no baseline yet");
        h.append("</div></section>\n");
    }

    private static void card(StringBuilder h, String title, String value, String note) {
        h.append("<div class=\"card\"><div class=\"muted\">").append(esc(title)).append("</div><div class=\"big\">").append(esc(value))
                .append("</div><div class=\"muted\">").append(esc(note)).append("</div></div>");
    }

    private static void executable(StringBuilder h, HtmlReportData.Executable e) {
        String exe = e.exe() == null ? "(unknown executable)" : e.exe();
        String build = e.build() == null ? "(unknown build)" : e.build();
        HtmlReportData.Frames f = e.frames();
        h.append("<section class=\"exe\"><h2>").append(esc(exe)).append(" <span class=\"muted\">build ").append(esc(build))
                .append("</span></h2>\n<div id=\"frames\"><h3>Frame time</h3><table><tr>");
        for (String c : List.of("frames", "mean ms", "p50 ms", "p90 ms", "p95 ms", "p99 ms", "max ms", "target ms", "over target",
                "hitches (&gt; " + ms(f.hitchThreshold()) + " ms)", "hitches / min")) {
            h.append("<th>").append(c).append("</th>");
        }
        h.append("</tr><tr>").append(td(String.format(Locale.ROOT, "%,d", f.frames()))).append(td(ms(f.meanDuration())))
                .append(td(ms(f.p50()))).append(td(ms(f.p90()))).append(td(ms(f.p95()))).append(td(ms(f.p99())))
                .append(td(ms(f.max()))).append(td(ms(f.target())))
                .append("<td class=\"").append(f.p95() > f.target() ? (f.p50() > f.target() ? "fail" : "warn") : "pass").append("\">")
                .append(pct((double) f.overTarget() / f.frames())).append("</td>")
                .append(td(String.valueOf(f.hitches())))
                .append(td(f.hitchesPerMinute() == null ? "–" : String.format(Locale.ROOT, "%.2f", f.hitchesPerMinute())))
                .append("</tr></table></div>\n");
        shareChart(h, e.budgets(), f);
        percentiles(h, e.budgets(), f);
        h.append("</section>\n");
    }

    /**
     * Horizontal bars: each budget's self time as a share of total frame time, largest first, and on
     * the main thread the unbudgeted rest (the bars then add up to 100%).
     */
    private static void shareChart(StringBuilder h, List<HtmlReportData.Budget> budgets, HtmlReportData.Frames f) {
        List<HtmlReportData.Budget> shown = new java.util.ArrayList<>(budgets.subList(0, Math.min(CHART_BUDGETS, budgets.size())));
        if (!f.acrossThreads()) {
            shown.add(new HtmlReportData.Budget(UNBUDGETED, f.unbudgetedShare(), f.unbudgetedShare(), 1, 0, 0, 0, 0, 0, 0, null, null, null));
        }
        double max = shown.stream().mapToDouble(HtmlReportData.Budget::selfShareOfFrameTime).max().orElse(0);
        double scale = max <= 0 ? 0 : Math.max(max, 0.0001);
        int row = 24;
        int height = row * shown.size() + 8;
        h.append("<div id=\"budget-share\"><h3>").append(f.acrossThreads()
                        ? "Self time: CPU time across threads, as a share of frame time" : "Self time, share of frame time (adds up to 100%)")
                .append("</h3><svg class=\"chart\" role=\"img\" aria-label=\"self time per budget as a share of frame time\" ")
                .append("viewBox=\"0 0 900 ").append(height).append("\" width=\"900\" height=\"").append(height).append("\">");
        for (int i = 0; i < shown.size(); i++) {
            HtmlReportData.Budget b = shown.get(i);
            int y = 4 + i * row;
            double width = scale == 0 ? 0 : 560 * b.selfShareOfFrameTime() / scale;
            h.append("<text x=\"210\" y=\"").append(y + 16).append("\" text-anchor=\"end\">").append(esc(shorten(b.budget()))).append("</text>")
                    .append("<rect x=\"220\" y=\"").append(y + 3).append("\" height=\"16\" width=\"")
                    .append(String.format(Locale.ROOT, "%.1f", width)).append("\" fill=\"").append(PALETTE[i % PALETTE.length]).append("\">")
                    .append("<title>").append(esc(b.budget())).append(": ").append(pct(b.selfShareOfFrameTime())).append("</title></rect>")
                    .append("<text x=\"").append(String.format(Locale.ROOT, "%.1f", 226 + width)).append("\" y=\"").append(y + 16).append("\">")
                    .append(pct(b.selfShareOfFrameTime())).append("</text>");
        }
        h.append("</svg></div>\n");
    }

    private static void percentiles(StringBuilder h, List<HtmlReportData.Budget> budgets, HtmlReportData.Frames f) {
        h.append("<div id=\"percentiles\"><h3>Budgets (ms in the frames where the budget appears)</h3><table><tr>");
        for (String c : List.of("budget", f.acrossThreads() ? "self CPU time across threads, share of frame time" : "self share of frame time",
                "inclusive share of frame time", "in % of frames", "mean ms", "p50 ms", "p90 ms", "p95 ms", "p99 ms",
                "max ms", "target ms", "frames over target", "status")) {
            h.append("<th>").append(c).append("</th>");
        }
        h.append("</tr>\n");
        for (HtmlReportData.Budget b : budgets) {
            String status = b.status() == null ? "none" : b.status();
            h.append("<tr class=\"").append(esc(status)).append("\">").append("<td class=\"name\">").append(esc(b.budget())).append("</td>")
                    .append(td(pct(b.selfShareOfFrameTime()))).append(td(pct(b.shareOfFrameTime())))
                    .append(td(pct(b.shareOfFrames()))).append(td(ms(b.mean())))
                    .append(td(ms(b.p50()))).append(td(ms(b.p90()))).append(td(ms(b.p95()))).append(td(ms(b.p99())))
                    .append(td(ms(b.max()))).append(td(b.target() == null ? "–" : ms(b.target())))
                    .append(td(b.shareOverTarget() == null ? "–" : pct(b.shareOverTarget())))
                    .append("<td class=\"status ").append(esc(status)).append("\">").append(b.status() == null ? "–" : esc(b.status()))
                    .append("</td></tr>\n");
        }
        if (!f.acrossThreads()) {
            h.append("<tr class=\"none\"><td class=\"name\">").append(UNBUDGETED).append("</td>").append(td(pct(f.unbudgetedShare())))
                    .append("<td colspan=\"11\" class=\"muted\">time on the main thread in no budgeted span</td></tr>\n");
        }
        h.append("</table></div>\n");
    }

    /** The longest hitches, each with the budgets whose self time grew the most against their median frame. */
    private static void hitches(StringBuilder h, List<HtmlReportData.Hitch> hitches) {
        h.append("<section id=\"hitches\"><h2>What made each hitch</h2>");
        if (hitches.isEmpty()) {
            h.append("<p class=\"muted\">No hitch.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>frame length ms</th><th>median frame ms</th><th>budgets that grew (self ms over their median)</th>")
                .append("<th>frame start</th><th>process</th></tr>\n");
        for (HtmlReportData.Hitch x : hitches) {
            StringBuilder grew = new StringBuilder();
            for (int i = 0; i < x.budgets().size(); i++) {
                grew.append(i == 0 ? "" : ", ").append(esc(x.budgets().get(i))).append(" +").append(ms(x.excess().get(i)));
            }
            h.append("<tr>").append(td(ms(x.frameDuration()))).append(td(ms(x.medianFrameDuration())))
                    .append("<td class=\"name\">").append(grew.length() == 0 ? "–" : grew.toString()).append("</td>")
                    .append(td(TIME.format(x.frameBegin()))).append("<td class=\"name\">").append(esc(x.processId())).append("</td></tr>\n");
        }
        h.append("</table></section>\n");
    }

    private static void regressions(StringBuilder h, HtmlReportData d) {
        h.append("<section id=\"regressions\"><h2>Regressions</h2>");
        if (!d.hasBaseline()) {
            h.append("<p class=\"muted\">No baseline: this is the first report of these executables (or no budget in common).</p></section>\n");
            return;
        }
        List<HtmlReportData.Change> regressed = d.changes().stream().filter(HtmlReportData.Change::regression).toList();
        if (regressed.isEmpty()) {
            h.append("<p class=\"pass-text\">No budget regressed against the baseline.</p>");
        } else {
            changeTable(h, regressed);
        }
        h.append("<details><summary>All ").append(d.changes().size()).append(" budget changes</summary>");
        changeTable(h, d.changes());
        h.append("</details></section>\n");
    }

    private static void changeTable(StringBuilder h, List<HtmlReportData.Change> changes) {
        h.append("<table><tr><th>executable</th><th>build</th><th>budget</th><th>baseline</th><th>baseline build</th><th>baseline p95 ms</th><th>p95 ms</th><th>change ms</th><th>change %</th></tr>\n");
        for (HtmlReportData.Change c : changes) {
            h.append("<tr class=\"").append(c.regression() ? "fail" : "none").append("\">")
                    .append(td(c.exe() == null ? "(unknown)" : esc(c.exe()))).append(td(c.build() == null ? "(unknown)" : esc(c.build())))
                    .append("<td class=\"name\">").append(esc(c.budget())).append("</td>")
                    .append(td(c.baselineDate().toString())).append(td(c.baselineBuild() == null ? "(unknown)" : esc(c.baselineBuild())))
                    .append(td(ms(c.baselineP95()))).append(td(ms(c.p95())))
                    .append(td((c.changeNanos() > 0 ? "+" : "") + ms(c.changeNanos())))
                    .append(td(c.changePercent() == null ? "–" : String.format(Locale.ROOT, "%+.1f%%", c.changePercent())))
                    .append("</tr>\n");
        }
        h.append("</table>");
    }

    private static void offenders(StringBuilder h, List<HtmlReportData.Offender> offenders) {
        h.append("<section id=\"top-offenders\"><h2>Top offenders</h2><table><tr><th>budget</th><th>time in frame ms</th>")
                .append("<th>frame length ms</th><th>frame start</th><th>process</th></tr>\n");
        for (HtmlReportData.Offender o : offenders) {
            h.append("<tr><td class=\"name\">").append(esc(o.budget())).append("</td>").append(td(ms(o.durationInFrame())))
                    .append(td(ms(o.frameDuration()))).append(td(TIME.format(o.frameBegin())))
                    .append("<td class=\"name\">").append(esc(o.processId())).append("</td></tr>\n");
        }
        h.append("</table></section>\n");
    }

    private static String td(String escapedText) {
        return "<td>" + escapedText + "</td>";
    }

    /** Milliseconds with two decimals; the column headers say "ms". */
    private static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static String shorten(String s) {
        return s.length() <= 32 ? s : s.substring(0, 31) + "…";
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#222;background:#fafafa}
            h1{font-size:24px;margin:0}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd}h3{font-size:15px;margin:16px 0 6px}
            .muted{color:#666}.cards{display:flex;gap:12px;flex-wrap:wrap}
            .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:150px}
            .big{font-size:22px;font-weight:600}
            table{border-collapse:collapse;background:#fff;margin:4px 0 12px}
            th,td{border:1px solid #ddd;padding:3px 8px;text-align:right;white-space:nowrap}
            th{background:#f0f0f0;white-space:normal;max-width:90px;text-align:center}td.name{text-align:left;font-family:ui-monospace,monospace}
            td.pass,td.status.pass{background:#d9f2d9;color:#185c18}
            td.warn,td.status.warn{background:#fff1c2;color:#7a5a00}
            td.fail,td.status.fail{background:#f8d0d0;color:#8a1010}
            tr.fail td.name{font-weight:600}.pass-text{color:#185c18}
            svg.chart text{font-size:12px;fill:#333}footer{margin-top:32px;font-size:12px}
            """;
}
