package framebudgets.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user waits for: the whole job as {@code ./submit.sh --conf FILE} runs it (Spark's launcher
 * in a JVM of its own, see {@link SubmitLauncher}), from JVM start to exit, each run into a new
 * output folder, on 1 process × 1 minute of stand-in telemetry (served by this JVM, not counted),
 * next to its floor measured in the same rounds: the same launch with a main class that only builds
 * the SparkSession ({@link SessionFloor}). Target from issue 14: at most 20 s wall on 2 cores. The
 * first run of the job (the warm-up, when there is one; in the quick version, 2 rounds without
 * warm-up, the first timed one) writes a Spark event log, from which the Spark jobs per run are
 * counted; the other runs write none.
 */
final class FixedCostBenchmark implements Benchmark {

    static final String NAME = "fixed";
    static final double TARGET_SECONDS = 20;
    private static final Pattern PHASE = Pattern.compile("INFO job: (.+?): (.*) in (\\d+) ms$", Pattern.MULTILINE);
    private static final Pattern FLOOR = Pattern.compile("^floor: .*$", Pattern.MULTILINE);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "the whole job through submit.sh's launcher (JVM start to exit, 1 process × 1 min) vs JVM + SparkSession start alone";
    }

    @Override
    public BenchmarkReport run(BenchContext context) throws Exception {
        SubmitLauncher launcher = SubmitLauncher.fromBenchRun();
        ReportData data = context.reportData(1, 1.0);
        Path dir = context.workDir().toAbsolutePath().resolve("fixed");
        ReportData.deleteTree(dir); // what a killed run left (its event logs would be counted)
        Files.createDirectories(dir);
        try {
            Path confDir = Files.createDirectories(dir.resolve("conf"));
            Path conf = confDir.resolve("fixed.conf");
            AtomicInteger runs = new AtomicInteger();
            AtomicReference<String> lastOutput = new AtomicReference<>();
            AtomicReference<EventLogJobs> jobs = new AtomicReference<>();
            String benchClasses = Path.of(SessionFloor.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            AtomicReference<String> floorOutput = new AtomicReference<>();
            Contender floor = new Contender("JVM + SparkSession start alone (same launcher, flags, classpath)", () -> {
                Files.writeString(conf, ReportData.configText(data.server().uri().toString(),
                        Path.of("conf", "budgets-unreal.conf").toAbsolutePath(), "all-threads", dir.resolve("out-floor")));
                SubmitLauncher.Launch launch = SubmitLauncher.run(launcher.other(SessionFloor.class.getName(), benchClasses, conf),
                        dir, dir.resolve("floor.log"));
                failUnlessOk(launch, "the floor");
                Matcher m = FLOOR.matcher(launch.output());
                floorOutput.set(m.find() ? m.group() : "");
                return new Contender.Answer(0, null);
            });
            Contender job = new Contender("whole job via submit.sh's launcher, all threads", () -> {
                int run = runs.incrementAndGet();
                Files.writeString(conf, ReportData.configText(data.server().uri().toString(),
                        Path.of("conf", "budgets-unreal.conf").toAbsolutePath(), "all-threads", dir.resolve("out-" + run)));
                List<String> sparkConf = new ArrayList<>();
                Path eventLog = dir.resolve("events-" + run);
                if (run == 1) {
                    Files.createDirectories(eventLog);
                    sparkConf.add("spark.eventLog.enabled=true");
                    sparkConf.add("spark.eventLog.dir=" + eventLog.toUri());
                    sparkConf.add("spark.eventLog.compress=false");
                    sparkConf.add("spark.eventLog.rolling.enabled=false");
                }
                SubmitLauncher.Launch launch = SubmitLauncher.run(launcher.job(conf, sparkConf), dir, dir.resolve("job.log"));
                failUnlessOk(launch, "the job");
                if (run == 1) {
                    jobs.set(EventLogJobs.read(eventLog));
                }
                lastOutput.set(launch.output());
                return new Contender.Answer(data.spans(), null);
            });
            // Quick: no warm-up (each run is a fresh JVM anyway; the first run's event log costs little), 2 rounds.
            List<Measurement> measured = (context.quick() ? new Trial(0, 2) : context.trial()).run(List.of(floor, job));
            Measurement jobMeasured = measured.get(1);
            String label = String.format(Locale.ROOT, "whole job via submit.sh's launcher, all threads, 1 process × 1 min "
                    + "(%d Spark jobs)", jobs.get().jobs());
            Measurement relabelled = new Measurement(new Contender(label, job.work()), jobMeasured.answer(), jobMeasured.nanos());
            List<ResultRow> rows = List.of(ResultRow.baseline(NAME, measured.get(0)),
                    new ResultRow(NAME, relabelled, List.of(Comparison.secondsAtMost(TARGET_SECONDS, "wall, JVM start to exit"),
                            Comparison.timeAtMost(null, "floor", measured.get(0)))));
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "fixed: %,d spans generated (1 process × 1 min, 60 fps, ~1,000 spans per frame, "
                    + "all threads read); the job's first run launched %s; Spark context start to its first job %,d ms.",
                    data.spans(), jobs.get(), jobs.get().millisToFirstJob()));
            notes.add("fixed: the floor's last run: " + floorOutput.get() + ".");
            notes.add("fixed: phases of the job's last run (its log): " + phases(lastOutput.get()) + ".");
            notes.add("fixed: both are submit.sh's exec (java <jvm-opens> -Dlog4j.configurationFile=conf/log4j2.properties -cp "
                    + "<runtime classpath> org.apache.spark.deploy.SparkSubmit --master local[2] --class ... --files <conf> "
                    + "<thin jar> --conf NAME --conf-dir DIR), without submit.sh's Maven up-to-date checks; the floor has the "
                    + "benchmark classes ahead on its classpath. The stand-in serving the data runs in the benchmark's JVM."
                    + (launcher.extraJavaOptions().isEmpty() ? "" : " Extra JVM options (BENCH_JOB_JAVA_OPTIONS): "
                    + String.join(" ", launcher.extraJavaOptions())));
            return new BenchmarkReport(rows, notes);
        } finally {
            ReportData.deleteTree(dir);
        }
    }

    /** "name N ms, ..." from the job's phase lines. */
    static String phases(String output) {
        List<String> phases = new ArrayList<>();
        Matcher m = PHASE.matcher(output == null ? "" : output);
        while (m.find()) {
            phases.add(m.group(1) + " " + m.group(3) + " ms");
        }
        return String.join(", ", phases);
    }

    private static void failUnlessOk(SubmitLauncher.Launch launch, String what) {
        if (launch.exit() != 0) {
            String out = launch.output();
            throw new IllegalStateException(what + " exited with " + launch.exit() + "; its output:\n"
                    + out.substring(Math.max(0, out.length() - 6000)));
        }
    }
}
