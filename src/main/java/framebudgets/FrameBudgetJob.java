package framebudgets;

import framebudgets.config.ReportSettings;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsException;
import framebudgets.config.SettingsLoader;
import framebudgets.config.SourceSettings;
import framebudgets.job.DemoTelemetry;
import framebudgets.job.FailureReason;
import framebudgets.job.Phase;
import framebudgets.job.ReportRun;
import framebudgets.job.RunReport;
import framebudgets.job.RunResult;
import framebudgets.job.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The nightly frame-budget report, as a Spark application (the main class submit.sh runs).
 * Exit status: 0 ok, 3 partial (some processes could not be read; see the run log), 4 nothing
 * written (nothing to report, or the window's rows include processes this run would drop),
 * 2 bad configuration or arguments, 1 failed (the run log has a {@code failed} row with the reason;
 * tables this run had committed are put back as they were).
 */
@Command(name = "frame-budgets", mixinStandardHelpOptions = true,
        description = "Frame-budget report from micromegas telemetry into Delta tables.")
public final class FrameBudgetJob implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_CONFIG = 2;
    public static final int EXIT_PARTIAL = 3;
    /** Nothing to report (no process, main thread or frame), or the run would drop processes the window has rows of: nothing written. */
    public static final int EXIT_NOT_WRITTEN = 4;

    private static final Logger LOG = LoggerFactory.getLogger("framebudgets.job");

    @Option(names = "--conf", paramLabel = "FILE", description = "HOCON config file (see reference.conf); found as given, in --conf-dir, or among the files shipped with spark-submit --files.")
    String confFile;

    @Option(names = "--conf-dir", paramLabel = "DIR", hidden = true, description = "Folder to look for --conf in when it is a bare file name.")
    String confDir;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Report this UTC day.")
    String date;

    @Option(names = "--from", paramLabel = "RFC3339", description = "Report the window starting here (with --to).")
    String from;

    @Option(names = "--to", paramLabel = "RFC3339", description = "Report the window ending here, exclusive (with --from).")
    String to;

    @Option(names = "--replace", description = "Replace the window's rows even when they include processes this run does not report (their rows go).")
    boolean replace;

    @Option(names = "--demo", description = "Start the embedded stand-in server with synthetic telemetry and report on it.")
    boolean demo;

    /** Set while a run is under way, for the last words of a run the JVM is stopped in (SIGTERM). */
    private static volatile String running;
    private static volatile boolean stopping;

    public static void main(String[] args) {
        Runtime.getRuntime().addShutdownHook(new Thread(FrameBudgetJob::lastWords, "frame-budgets-last-words"));
        int status = new CommandLine(new FrameBudgetJob()).execute(args);
        running = null;
        System.exit(status);
    }

    /** When the JVM is stopped during a run: what happened to the tables and what to do. */
    private static void lastWords() {
        String runId = running;
        if (runId == null) {
            return;
        }
        stopping = true;
        String phase = Phase.current();
        System.err.println("frame-budgets: run " + runId + " was interrupted (the JVM was stopped, e.g. SIGTERM) during "
                + "phase '" + phase + "'. " + (phase.startsWith("write") || phase.startsWith("register")
                        ? "Each Delta commit is atomic: a table whose write had not committed is unchanged; a table "
                                + "already committed holds this run's complete rows. "
                        : "No table was written: every table is unchanged. ")
                + "Rerun the window.");
    }

    @Override
    public Integer call() {
        ReportSettings settings;
        ReportWindow window;
        try {
            settings = confFile == null ? SettingsLoader.load() : SettingsLoader.load(locate(confFile));
            window = ReportWindow.resolve(settings.window(), date, from, to, Clock.systemUTC());
        } catch (SettingsException e) {
            System.err.println("frame-budgets: configuration error: " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        String runId = newRunId();
        SourceSettings source = settings.source();
        if (!demo && source.oidc().enabled()) {
            LOG.info("signing in with OAuth2 client credentials: client {} of issuer {}", source.oidc().clientId(),
                    source.oidc().issuer());
        } else if (!demo && source.tokenFile().isEmpty() && (source.tokenEnv().isEmpty() || System.getenv(source.tokenEnv()) == null)) {
            LOG.info("no token: {} is not set and framebudgets.source.token-file is empty, so the server is asked without "
                    + "authentication", source.tokenEnv().isEmpty() ? "framebudgets.source.token-env" : "$" + source.tokenEnv());
        }
        running = runId;
        try (DemoTelemetry demoServer = demo ? DemoTelemetry.start() : null) {
            if (demoServer != null) {
                SourceSettings s = settings.source();
                settings = withSource(settings, new SourceSettings(demoServer.uri(), "", "", "", s.headers()));
                LOG.info("demo: stand-in server with synthetic telemetry at {}", demoServer.uri());
            }
            SparkSession spark = session();
            RunResult result = new ReportRun(spark, settings, window, runId, replace).run();
            RunReport.print(System.out, spark, result, settings.output());
            return switch (result.status()) {
                case RunResult.OK -> EXIT_OK;
                case RunResult.PARTIAL -> EXIT_PARTIAL;
                default -> EXIT_NOT_WRITTEN;
            };
        } catch (SettingsException e) {
            System.err.println("frame-budgets: configuration error: " + e.getMessage());
            return EXIT_BAD_CONFIG;
        } catch (Exception e) {
            if (stopping) {
                return EXIT_FAILED; // the last words are said by the shutdown hook
            }
            LOG.error("run {} failed", runId, e);
            System.err.println("frame-budgets: run " + runId + " failed: " + jobWords(FailureReason.of(e)));
            return EXIT_FAILED;
        } finally {
            running = null;
        }
    }

    /** The source's hints name its own options; through the job, the user sets these. */
    static String jobWords(String message) {
        return message.replace("(check the options token, token.env, token.file, oauth2.* or username/password)",
                "(check the token: $MICROMEGAS_TOKEN or the variable named by framebudgets.source.token-env, "
                        + "or the file named by framebudgets.source.token-file; or framebudgets.source.oidc.*)")
                .replace("check the options oauth2.client_id, the client secret and oauth2.audience/oauth2.scope",
                        "check framebudgets.source.oidc.client-id, the client secret and framebudgets.source.oidc.audience/scope")
                .replace("option oauth2.issuer", "framebudgets.source.oidc.issuer");
    }

    /** A run id as the run log records it: {@code yyyyMMddTHHmmssZ-xxxxxxxx}. */
    public static String newRunId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(java.time.Instant.now())
                + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Path locate(String name) {
        Path given = Path.of(name);
        if (Files.isReadable(given)) {
            return given.toAbsolutePath();
        }
        if (confDir != null && Files.isReadable(Path.of(confDir, name))) {
            return Path.of(confDir, name).toAbsolutePath();
        }
        // Cluster deploy mode: the driver runs on the cluster, where the SparkContext downloads the
        // files of spark-submit --files (YARN already put them in the working directory).
        session();
        Path shipped = Path.of(SparkFiles.get(given.getFileName().toString()));
        if (Files.isReadable(shipped)) {
            return shipped;
        }
        throw new SettingsException("--conf: config file '" + name + "' not found (also looked in "
                + (confDir == null ? "" : confDir + " and ") + "the files shipped with --files)");
    }

    private static ReportSettings withSource(ReportSettings s, SourceSettings source) {
        return new ReportSettings(source, s.window(), s.processes(), s.frames(), s.threads(), s.groupBy(),
                s.budgets(), s.otherBudget(), s.topOffenders(), s.targets(), s.baseline(), s.output());
    }

    /** The session spark-submit configured (see {@link SparkSessions#job}). */
    static SparkSession session() {
        return SparkSessions.job("frame-budgets");
    }
}
