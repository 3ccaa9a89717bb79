package framebudgets.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report rendered from known data and opened in headless Chromium (Debian's
 * {@code /usr/bin/chromium}; .ci/run installs it): it renders every section without a console error,
 * shows hostile names as text, and its screenshot is kept as a build artifact (target/html-report.png).
 */
class HtmlReportPageTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long MS = 1_000_000L;

    @TempDir
    Path profile;

    private static final String BUILD = "++Game+Main-CL-52345 <b>";
    private static final String OLD_BUILD = "++Game+Main-CL-52210";

    static HtmlReportData sample() {
        List<HtmlReportData.Budget> budgets = new ArrayList<>(List.of(
                budget("Physics", 0.31, 5.2, 4 * MS, "fail"),
                budget("Render", 0.24, 3.9, 5 * MS, "warn"),
                budget("Game", 0.18, 2.8, 4 * MS, "pass"),
                budget("Animation", 0.09, 1.4, null, null),
                budget("<script>alert('x')</script> & \"GC\"", 0.05, 0.8, 2 * MS, "pass"),
                budget("Audio", 0.02, 0.3, null, null)));
        HtmlReportData.Frames frames = new HtmlReportData.Frames(10_800, 184_000 * MS, 17.04 * MS, 16_600_000, 18_900_000,
                21_300_000, 48_000_000, 460 * MS, 16_700_000, 2_916, 60 * MS, 37, 12.07, 0.17);
        LocalDate baseline = LocalDate.of(2025, 7, 23);
        List<HtmlReportData.Change> changes = List.of(
                new HtmlReportData.Change("Game.exe", BUILD, "Physics", baseline, OLD_BUILD, 6_100_000, 7_400_000, 1_300_000, 21.3, true),
                new HtmlReportData.Change("Game.exe", BUILD, "Render", baseline, OLD_BUILD, 6_000_000, 6_200_000, 200_000, 3.3, false),
                new HtmlReportData.Change("Game.exe", BUILD, "Game", baseline, OLD_BUILD, 4_400_000, 3_900_000, -500_000, -11.4, false));
        List<HtmlReportData.Offender> offenders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            offenders.add(new HtmlReportData.Offender(i % 2 == 0 ? "Game" : "Physics", "4ed5c8ac-0000-4000-8000-00000000000" + i,
                    Instant.parse("2025-07-24T12:00:11.921927123Z").plusMillis(900L * i), (460 - 40 * i) * MS, (452 - 40 * i) * MS));
        }
        return new HtmlReportData("20250725T020000Z-8d08e39d", "ok", LocalDate.of(2025, 7, 24),
                Instant.parse("2025-07-24T00:00:00Z"), Instant.parse("2025-07-25T00:00:00Z"), 4, 4, true,
                List.of(new HtmlReportData.Executable("Game.exe", BUILD, frames, budgets)), changes, offenders,
                List.of(new HtmlReportData.Hitch("4ed5c8ac-0000-4000-8000-000000000001", Instant.parse("2025-07-24T12:00:11.921927123Z"),
                        460 * MS, 16_600_000, List.of("Physics", "<GC>"), List.of(310 * MS, 90 * MS))));
    }

    private static HtmlReportData.Budget budget(String name, double share, double meanMs, Long target, String status) {
        long mean = (long) (meanMs * MS);
        return new HtmlReportData.Budget(name, share * 0.8, share, 0.98, mean, mean, mean * 13 / 10, mean * 3 / 2, mean * 2, mean * 5,
                target, target == null ? null : 0.07, status);
    }

    @Test
    void pageIsSelfContainedAndEscapesNames() {
        String html = HtmlReportPage.render(sample());
        assertFalse(html.contains("<script"), "no script, and a budget named <script> is escaped");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;GC&quot;"));
        assertTrue(html.contains("build ++Game+Main-CL-52345 &lt;b&gt;</span></h2>"), "the build heads its executable's section");
        assertTrue(html.contains("<td>" + OLD_BUILD + "</td>"), "a change names the baseline's build");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="), "nothing is fetched");
        assertTrue(html.contains("Physics +310.00, &lt;GC&gt; +90.00"), "a hitch names the budgets that grew, escaped");
        assertTrue(html.contains("(unbudgeted)") && html.contains("adds up to 100%"), "the main thread's unbudgeted time is shown");
        for (String id : List.of("summary", "frames", "budget-share", "percentiles", "regressions", "hitches", "top-offenders")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
    }

    @Test
    void firstReportSaysThereIsNoBaseline() {
        HtmlReportData d = sample();
        HtmlReportData first = new HtmlReportData(d.runId(), d.status(), d.reportDate(), d.windowFrom(), d.windowTo(),
                d.processesFound(), d.processesReported(), false, d.executables(), List.of(), d.offenders(), d.hitches());
        String html = HtmlReportPage.render(first);
        assertTrue(html.contains("No baseline"), html);
    }

    @Test
    void rendersInHeadlessChromiumWithoutConsoleErrors() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail(CHROMIUM + " is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does)");
        }
        Path target = Path.of("target").toAbsolutePath();
        Path page = target.resolve("html-report.html");
        Path screenshot = target.resolve("html-report.png");
        Files.writeString(page, HtmlReportPage.render(sample()), StandardCharsets.UTF_8);
        Files.deleteIfExists(screenshot);

        Chromium shot = chromium(page, "--screenshot=" + screenshot, "--window-size=1280,2000");
        assertTrue(Files.size(screenshot) > 10_000, "screenshot written: " + screenshot + "\n" + shot.log);
        Chromium dom = chromium(page, "--dump-dom");
        for (String log : List.of(shot.log, dom.log)) {
            for (String line : log.split("\n")) {
                assertFalse(line.contains("CONSOLE") || line.contains("Uncaught"), "console error: " + line);
            }
        }
        for (String id : List.of("summary", "frames", "budget-share", "percentiles", "regressions", "top-offenders")) {
            assertTrue(dom.out.contains("id=\"" + id + "\""), "section " + id + " in the rendered DOM");
        }
        assertTrue(dom.out.contains("<td class=\"status fail\">fail</td>"), "a failing target is coloured");
        assertTrue(dom.out.contains("<rect"), "the share chart has bars");
        assertTrue(dom.out.contains("&lt;script&gt;alert"), "the hostile budget name is text, not a script");
    }

    private record Chromium(String out, String log) {}

    private Chromium chromium(Path page, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(profile, "chromium"), "--enable-logging=stderr",
                "--v=0"));
        command.addAll(List.of(args));
        command.add(page.toUri().toString());
        Path out = Files.createTempFile(profile, "out", ".txt");
        Path err = Files.createTempFile(profile, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("chromium did not finish in 90 s: " + Files.readString(err));
        }
        String log = Files.readString(err);
        assertEquals(0, p.exitValue(), "chromium exit status; its log:\n" + log);
        return new Chromium(Files.readString(out), log);
    }
}
