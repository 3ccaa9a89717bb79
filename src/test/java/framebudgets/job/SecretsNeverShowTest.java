package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.cluster.ChildProcess;
import framebudgets.config.ReportWindow;
import framebudgets.config.SettingsLoader;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.micromegas.ThreadStream;
import framebudgets.standin.StandinMain;
import framebudgets.testing.SharedSpark;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.apache.spark.sql.execution.ExplainMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A run with a token that is a unique random string, once accepted and once rejected by the server:
 * the token appears nowhere a person or a tool can see: stdout, stderr, every log event (message and
 * exception chain) of every logger, the scans' explain output, the Spark conf as the UI's
 * environment tab shows it (after Spark's redaction), the run log, and every file the run wrote
 * (Delta logs included). And a run through {@code ./submit.sh} with the token in
 * {@code MICROMEGAS_TOKEN} and the Spark UI on: neither the command line submit.sh echoes nor its
 * output, nor what the running application's UI serves (the Environment page, and its REST API's
 * environment, jobs and SQL plans) shows the token.
 */
class SecretsNeverShowTest {
    @TempDir
    Path temp;

    @Test
    void theTokenAppearsInNoOutputLogPlanConfOrTable() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        Path tokenFile = temp.resolve("token");
        Files.writeString(tokenFile, token + "\n");
        SparkSession spark = SharedSpark.get();
        try (StandinMain.Running standin = StandinMain.launch(new String[] {
                "--port", "0", "--seed", "3", "--processes", "1", "--minutes", "0.01", "--spans-per-frame", "20",
                "--workers", "1", "--start", "2025-07-24T12:00:00Z", "--api-key", "nightly=" + token}, Map.of());
             AllLogs logs = AllLogs.capture()) {
            Path root = temp.resolve("out");
            Path conf = temp.resolve("job.conf");
            Files.writeString(conf, "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                    + "framebudgets.source { uri = \"" + standin.server().uri() + "\", token-env = \"\", token-file = \""
                    + tokenFile + "\" }\n"
                    + "framebudgets.output.root = \"" + root + "\"\n");
            Outcome accepted = JobRuns.run("--conf", conf.toString());
            assertEquals(FrameBudgetJob.EXIT_OK, accepted.status(), accepted.err());

            Files.writeString(tokenFile, "not-" + token);
            Outcome rejected = JobRuns.run("--conf", conf.toString());
            assertEquals(FrameBudgetJob.EXIT_FAILED, rejected.status(), rejected.err());
            assertTrue(rejected.err().contains("UNAUTHENTICATED"), rejected.err());
            Files.writeString(tokenFile, token);

            var settings = SettingsLoader.load(conf);
            ReportWindow window = ReportWindow.ofDate(java.time.LocalDate.parse("2025-07-24"));
            TelemetryReader reader = new TelemetryReader(spark, settings.source(), window);
            List<ThreadStream> streams = reader.cpuStreams(List.of(reader.processes(settings.processes()).get(0).processId()));
            String explain = reader.spans(streams).where("duration > 0").queryExecution()
                    .explainString(ExplainMode.fromString("extended"));
            assertTrue(explain.contains("FlightSqlScan"), explain);

            List<String> seen = new ArrayList<>();
            seen.add(accepted.out() + accepted.err() + rejected.out() + rejected.err());
            seen.addAll(logs.lines());
            seen.add(explain);
            seen.add(org.apache.spark.util.Utils.redact(spark.sparkContext().getConf(),
                    CollectionConverters.asScala(List.of(spark.sparkContext().getConf().getAll())).toSeq()).toString());
            seen.add(spark.sparkContext().getConf().toDebugString());
            seen.addAll(spark.read().format("delta").load(root.resolve("run_log").toString()).toJSON().collectAsList());
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    seen.add(f + ": " + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertTrue(logs.lines().size() > 20, "the log capture works");
            for (String text : seen) {
                assertFalse(text.contains(token), () -> "the token shows in: " + text.substring(0, Math.min(2000, text.length())));
            }
        }
    }

    /**
     * The source's credentials given as options, in SQL ({@code CREATE TABLE ... USING flightsql
     * OPTIONS (token ...)}) and in a read with an {@code headers.authorization} bearer header: what
     * the SQL tab receives (every SQL execution's description, details and plan), the catalog's
     * {@code DESCRIBE}/{@code SHOW CREATE TABLE} output, explain output, error messages and logs.
     */
    @Test
    void credentialOptionsAreRedactedInTheSqlTabCatalogAndErrors() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        SparkSession spark = SharedSpark.get();
        try (StandinMain.Running standin = StandinMain.launch(new String[] {
                "--port", "0", "--seed", "3", "--processes", "1", "--minutes", "0.01", "--spans-per-frame", "20",
                "--workers", "1", "--start", "2025-07-24T12:00:00Z", "--api-key", "nightly=" + token}, Map.of());
             AllLogs logs = AllLogs.capture();
             SqlTab sqlTab = SqlTab.listen(spark)) {
            String uri = standin.server().uri().toString();
            String table = "secrets_" + UUID.randomUUID().toString().replace("-", "");
            List<String> seen = new ArrayList<>();
            spark.sql("CREATE TABLE " + table + " USING flightsql OPTIONS (uri '" + uri + "', token '" + token
                    + "', query 'SELECT process_id, exe FROM processes')");
            try {
                assertTrue(spark.table(table).count() > 0, "the table reads through the token");
                seen.add(spark.table(table).queryExecution().explainString(ExplainMode.fromString("extended")));
                seen.addAll(spark.sql("DESCRIBE TABLE EXTENDED " + table).toJSON().collectAsList());
                seen.addAll(spark.sql("SHOW CREATE TABLE " + table).toJSON().collectAsList());
                assertTrue(String.join("\n", seen).contains("token"), "the token option is listed (redacted)");
            } finally {
                spark.sql("DROP TABLE " + table);
            }
            IllegalArgumentException asHeader = assertThrows(IllegalArgumentException.class,
                    () -> spark.read().format("flightsql").option("uri", uri)
                            .option("headers.authorization", "Bearer " + token)
                            .option("query", "SELECT process_id FROM processes").load().count());
            assertTrue(asHeader.getMessage().contains("headers.authorization"), asHeader.getMessage());
            seen.add(asHeader.toString());
            Exception inSql = assertThrows(Exception.class, () -> spark.sql(
                    "CREATE TABLE " + table + "_h USING flightsql OPTIONS (uri '" + uri + "', 'headers.authorization' 'Bearer "
                            + token + "', query 'SELECT process_id FROM processes')"));
            for (Throwable t = inSql; t != null; t = t.getCause()) {
                seen.add(t.toString());
            }
            seen.addAll(sqlTab.executions());
            seen.addAll(logs.lines());
            assertTrue(sqlTab.executions().size() >= 3, "the SQL executions were heard: " + sqlTab.executions());
            for (String text : seen) {
                assertFalse(text.contains(token), () -> "the token shows in: " + around(text, token));
            }
        }
    }

    @Test
    void theTokenIsNotInSubmitShsEchoedCommandNorInTheSparkUi() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        try (StandinMain.Running standin = StandinMain.launch(new String[] {
                "--port", "0", "--seed", "3", "--processes", "1", "--minutes", "0.01", "--spans-per-frame", "20",
                "--workers", "1", "--start", "2025-07-24T12:00:00Z", "--api-key", "nightly=" + token}, Map.of())) {
            Path confDir = Files.createDirectories(temp.resolve("submit-conf"));
            Path conf = confDir.resolve("job.conf");
            Files.writeString(conf, "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                    + "framebudgets.source.uri = \"" + standin.server().uri() + "\"\n"
                    + "framebudgets.output.root = \"" + temp.resolve("submitted") + "\"\n");
            int uiPort = freePort();
            List<String> command = List.of("bash", Path.of("submit.sh").toAbsolutePath().toString(),
                    "--conf", conf.toString(), "--conf", "spark.ui.enabled=true", "--conf", "spark.ui.port=" + uiPort,
                    "--conf", "spark.port.maxRetries=0", "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.driver.bindAddress=127.0.0.1", "--conf", "spark.sql.shuffle.partitions=2");
            Map<String, String> env = new HashMap<>();
            env.put("MICROMEGAS_TOKEN", token);
            env.put("SPARK_HOME", null);
            env.put("SPARK_LOCAL_IP", "127.0.0.1");
            List<String> seen = new ArrayList<>();
            String output;
            try (ChildProcess submit = ChildProcess.start("submit.sh", command, env, Path.of("").toAbsolutePath(),
                    temp.resolve("submit.log"))) {
                UiPages ui = new UiPages(uiPort);
                long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
                while (submit.isAlive() && System.nanoTime() < deadline) {
                    ui.fetch();
                    Thread.sleep(250);
                }
                assertEquals(FrameBudgetJob.EXIT_OK, submit.awaitExit(Duration.ofMinutes(1)), submit.tail());
                output = submit.output();
                assertTrue(ui.environmentSeen(), "the UI's environment was read while the application ran:\n"
                        + String.join("\n", ui.pages()).substring(0, Math.min(2000, String.join("\n", ui.pages()).length())));
                seen.addAll(ui.pages());
            }
            String echoed = output.lines().map(l -> l.replaceAll("\u001B\\[[0-9;]*m", "")) // Maven's colour resets
                    .filter(l -> l.startsWith("+ ")).findFirst().orElse("");
            assertTrue(echoed.contains("--class framebudgets.FrameBudgetJob") && echoed.contains("spark.ui.port=" + uiPort),
                    "submit.sh echoes the command it runs:\n" + output);
            assertTrue(output.contains(": ok, window"), output);
            seen.add(output);
            for (String text : seen) {
                assertFalse(text.contains(token), () -> "the token shows in: " + text.substring(0, Math.min(2000, text.length())));
            }
        }
    }

    /** The text near {@code secret}'s first occurrence, with the secret itself masked. */
    private static String around(String text, String secret) {
        int at = text.indexOf(secret);
        return text.substring(Math.max(0, at - 600), Math.min(text.length(), at + secret.length() + 200)).replace(secret, "<THE TOKEN>");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * What the Spark UI of a running application serves, fetched again on every {@link #fetch()}
     * (the pages grow as the run goes on): the Environment page and the REST API's application
     * list, environment, jobs and SQL executions with their plans.
     */
    private static final class UiPages {
        private static final Pattern APP_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final String base;
        private final Map<String, String> pages = new HashMap<>();

        UiPages(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        void fetch() {
            String apps = get("/api/v1/applications");
            Matcher id = apps == null ? null : APP_ID.matcher(apps);
            if (id == null || !id.find()) {
                return;
            }
            String app = "/api/v1/applications/" + id.group(1);
            for (String path : List.of("/environment/", app + "/environment", app + "/jobs",
                    app + "/sql?details=true&planDescription=true")) {
                get(path);
            }
        }

        boolean environmentSeen() {
            return pages.entrySet().stream().anyMatch(p -> p.getKey().endsWith("/environment")
                    && p.getValue().contains("sparkProperties") && p.getValue().contains("framebudgets.FrameBudgetJob"));
        }

        List<String> pages() {
            return pages.entrySet().stream().map(p -> p.getKey() + ": " + p.getValue()).toList();
        }

        private String get(String path) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    pages.put(path, response.body());
                    return response.body();
                }
            } catch (IOException notUpYetOrGone) {
                // the UI starts with the SparkContext and stops with it: the next poll tries again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    /**
     * What the Spark UI's SQL tab is made of: every SQL execution's description, details (call
     * site) and physical plan, as Spark's listener bus delivers them.
     */
    private static final class SqlTab extends SparkListener implements AutoCloseable {
        private final SparkSession spark;
        private final List<String> executions = new ArrayList<>();

        private SqlTab(SparkSession spark) {
            this.spark = spark;
        }

        static SqlTab listen(SparkSession spark) {
            SqlTab tab = new SqlTab(spark);
            spark.sparkContext().addSparkListener(tab);
            return tab;
        }

        @Override
        public synchronized void onOtherEvent(SparkListenerEvent event) {
            if (event instanceof SparkListenerSQLExecutionStart start) {
                executions.add(start.description() + " | " + start.details() + " | " + start.physicalPlanDescription()
                        + " | " + start.modifiedConfigs());
            }
        }

        List<String> executions() throws java.util.concurrent.TimeoutException {
            spark.sparkContext().listenerBus().waitUntilEmpty();
            synchronized (this) {
                return List.copyOf(executions);
            }
        }

        @Override
        public void close() {
            spark.sparkContext().removeSparkListener(this);
        }
    }

    /** Every log event of every logger while open: its message and the messages of its exception chain. */
    static final class AllLogs extends AbstractAppender implements AutoCloseable {
        private final List<String> lines = new ArrayList<>();

        private AllLogs() {
            super("all-logs", null, null, true, Property.EMPTY_ARRAY);
        }

        static AllLogs capture() {
            AllLogs appender = new AllLogs();
            appender.start();
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().addAppender(appender, null, null);
            context.getConfiguration().getLoggers().values().forEach(l -> l.addAppender(appender, null, null));
            context.updateLoggers();
            return appender;
        }

        @Override
        public synchronized void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getMessage().getFormattedMessage());
            for (Throwable t = event.getThrown(); t != null; t = t.getCause()) {
                line.append(" | ").append(t);
                for (Throwable s : t.getSuppressed()) {
                    line.append(" | suppressed ").append(s);
                }
            }
            lines.add(line.toString());
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() throws IOException {
            LoggerContext context = (LoggerContext) LogManager.getContext(false);
            context.getConfiguration().getRootLogger().removeAppender(getName());
            context.getConfiguration().getLoggers().values().forEach(l -> l.removeAppender(getName()));
            context.updateLoggers();
            stop();
        }
    }
}
