package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.FrameBudgetJob;
import framebudgets.standin.StandinMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the job's command line (as submit.sh calls it), one case per row, against an
 * output root written by a good run first (once for the class). Each row checks the exit status,
 * that the message names the fault, that the output root is byte for byte as it was (the run log
 * aside for the rows that reach the server: it records them) and that the token appears nowhere.
 * Most rows fail before Spark starts or any server is contacted, so they take milliseconds.
 */
class BadInputMatrixTest {
    private static final String TOKEN = "s3cr3t-t0ken-value";
    static Path temp;
    static StandinMain.Running standin;
    static Path root;
    static Path tokenFile;

    /** One row: the extra settings, the extra arguments, the exit status, what the message says; reaches = run log may grow. */
    record Row(String name, String settings, List<String> args, int exit, String says, boolean reaches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row bad(String name, String settings, String says) {
        return new Row(name, settings, List.of(), FrameBudgetJob.EXIT_BAD_CONFIG, says, false);
    }

    static Row cli(String name, List<String> args, String says) {
        return new Row(name, "", args, FrameBudgetJob.EXIT_BAD_CONFIG, says, false);
    }

    static Row reaches(String name, String settings, int exit, String says) {
        return new Row(name, settings, List.of(), exit, says, true);
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // configuration
        rows.add(bad("unknown key", "framebudgets.top-offender = 5\n", "framebudgets.top-offender"));
        rows.add(bad("wrong type", "framebudgets.top-offenders = many\n", "top-offenders"));
        rows.add(bad("fraction for a count", "framebudgets.top-offenders = 2.5\n", "framebudgets.top-offenders: 2.5 is not a whole number"));
        rows.add(bad("count out of range", "framebudgets.top-offenders = 0\n", "framebudgets.top-offenders must be between"));
        rows.add(bad("negative max-count", "framebudgets.processes.max-count = -1\n", "framebudgets.processes.max-count"));
        rows.add(bad("span name in two budgets", "framebudgets.budgets { A = [\"x\"], B = [\"X\"] }\n", "is listed in two budgets, A and B"));
        rows.add(bad("glob in two budgets", "framebudgets.budgets { A = [\"Tick*\"], B = [\"tick*\"] }\n", "glob 'tick*' is listed in two budgets"));
        rows.add(bad("empty budget", "framebudgets.budgets { A = [] }\n", "framebudgets.budgets.A"));
        rows.add(bad("blank span name", "framebudgets.budgets { A = [\" \"] }\n", "framebudgets.budgets.A"));
        rows.add(bad("target of no budget", "framebudgets.targets { Nope = 4ms }\n", "framebudgets.targets.Nope"));
        rows.add(bad("negative target", "framebudgets.targets { Game = -4ms }\n", "framebudgets.targets.Game"));
        rows.add(bad("not a duration", "framebudgets.frame-target = fast\n", "frame-target"));
        rows.add(bad("zero hitch threshold", "framebudgets.hitch-threshold = 0ms\n", "framebudgets.hitch-threshold"));
        rows.add(bad("bad percentage", "framebudgets.baseline.regression-threshold = \"ten\"\n", "regression-threshold"));
        rows.add(bad("malformed HOCON", "framebudgets { top-offenders = \n", "cannot be parsed"));
        rows.add(bad("missing include", "include required(\"missing-" + "x.conf\")\n", "missing-x.conf"));
        rows.add(bad("output root is a file", "framebudgets.output.root = \"" + "@FILE@" + "\"\n",
                "framebudgets.output.root: "));
        rows.add(bad("output root under a file", "framebudgets.output.root = \"@FILE@/reports\"\n",
                "framebudgets.output.root: "));
        rows.add(bad("s3a root not a bucket name", "framebudgets.output.root = \"s3a://Frame_Budgets/nightly\"\n",
                "framebudgets.output.root: 'Frame_Budgets' is not an S3 bucket name"));
        rows.add(bad("s3a root without hadoop-aws", "framebudgets.output.root = \"s3a://frame-budgets/nightly\"\n",
                "framebudgets.output.root: no Hadoop file system for s3a:// on the classpath"));
        rows.add(bad("s3a root with credentials", "framebudgets.output.root = \"s3a://AKIAEXAMPLE:" + TOKEN + "@frame-budgets/x\"\n",
                "framebudgets.output.root: the URI must not hold credentials"));
        rows.add(bad("s3a root with one slash", "framebudgets.output.root = \"s3a:/frame-budgets/x\"\n",
                "framebudgets.output.root: 's3a:/frame-budgets/x' is not a URI of the form"));
        rows.add(bad("abfss root not ADLS Gen2", "framebudgets.output.root = \"abfss://reports@acct.blob.core.windows.net/x\"\n",
                "framebudgets.output.root: 'reports@acct.blob.core.windows.net' is not container@account.dfs.core.windows.net"));
        rows.add(bad("abfss root without hadoop-azure", "framebudgets.output.root = \"abfss://reports@acct.dfs.core.windows.net/x\"\n",
                "--packages org.apache.hadoop:hadoop-azure:"));
        rows.add(bad("gs root without the connector", "framebudgets.output.root = \"gs://frame-budgets/x\"\n",
                "--packages com.google.cloud.bigdataoss:gcs-connector"));
        rows.add(bad("file: root with a host", "framebudgets.output.root = \"file://fileserver/share/x\"\n",
                "framebudgets.output.root: 'file://fileserver/share/x' names a host"));
        rows.add(bad("bad thread mode", "framebudgets.threads = some\n", "framebudgets.threads"));
        rows.add(bad("bad table name", "framebudgets.output.tables.run-log = \"../x\"\n", "framebudgets.output.tables.run-log"));
        // window
        rows.add(bad("bad window date", "framebudgets.window.date = \"2025-13-01\"\n", "framebudgets.window.date"));
        rows.add(bad("window from after to", "framebudgets.window { date = \"\", from = \"2025-07-25T00:00:00Z\", to = \"2025-07-24T00:00:00Z\" }\n", "must be before"));
        rows.add(bad("window zero length", "framebudgets.window { date = \"\", from = \"2025-07-24T00:00:00Z\", to = \"2025-07-24T00:00:00Z\" }\n", "must be before"));
        rows.add(bad("window one bound", "framebudgets.window { date = \"\", from = \"2025-07-24T00:00:00Z\" }\n", "from and to must be set together"));
        rows.add(bad("window not RFC3339", "framebudgets.window { date = \"\", from = \"yesterday\", to = \"2025-07-24T00:00:00Z\" }\n", "framebudgets.window.from"));
        rows.add(cli("bad --date", List.of("--date", "24/07/2025"), "is not a date"));
        rows.add(cli("--from without --to", List.of("--from", "2025-07-24T00:00:00Z"), "--from and --to must be given together"));
        rows.add(cli("--from after --to", List.of("--from", "2025-07-24T10:00:00+02:00", "--to", "2025-07-24T08:00:00Z"), "must be before"));
        rows.add(cli("--date with --from", List.of("--date", "2025-07-24", "--from", "2025-07-24T00:00:00Z", "--to", "2025-07-25T00:00:00Z"), "--date cannot be combined"));
        rows.add(cli("far future window", List.of("--date", "2999-01-01"), "--date: window [2999-01-01T00:00:00Z"));
        rows.add(cli("window in the future", List.of("--date", "2100-01-01"), "starts in the future"));
        // source
        rows.add(bad("bad scheme", "framebudgets.source.uri = \"http://localhost:1\"\n", "framebudgets.source.uri"));
        rows.add(bad("port out of range", "framebudgets.source.uri = \"grpc://localhost:99999\"\n", "port 99999 is out of range"));
        rows.add(bad("no port", "framebudgets.source.uri = \"grpc://localhost\"\n", "framebudgets.source.uri"));
        rows.add(bad("token file missing", "framebudgets.source.token-file = \"/nonexistent/token\"\n", "framebudgets.source.token-file"));
        rows.add(bad("token file empty", "framebudgets.source.token-file = \"@EMPTY@\"\n", "framebudgets.source.token-file: file"));
        rows.add(bad("header with a newline", "framebudgets.source.headers { x-evil = \"a\\nb: c\" }\n", "framebudgets.source.headers.x-evil"));
        rows.add(bad("bad header name", "framebudgets.source.headers { \"x evil\" = \"a\" }\n", "framebudgets.source.headers.x evil"));
        rows.add(bad("trusted roots not a certificate", "framebudgets.source.trusted-roots = \"@EMPTY@\"\n", "framebudgets.source.trusted-roots"));
        rows.add(reaches("unreachable server", "framebudgets.source.uri = \"grpc://127.0.0.1:1\"\n", FrameBudgetJob.EXIT_FAILED, "UNAVAILABLE"));
        rows.add(reaches("TLS to a plain server", "framebudgets.source.uri = \"@TLS@\"\n", FrameBudgetJob.EXIT_FAILED, "failed"));
        rows.add(reaches("wrong token", "framebudgets.source.token-file = \"@WRONG@\"\n", FrameBudgetJob.EXIT_FAILED,
                "framebudgets.source.token-file"));
        rows.add(reaches("no token", "framebudgets.source.token-file = \"\"\nframebudgets.source.token-env = \"FB_NO_SUCH_VARIABLE\"\n",
                FrameBudgetJob.EXIT_FAILED, "UNAUTHENTICATED"));
        // OAuth2 client credentials (source.oidc); the client secret is the TOKEN, so "no secret" checks it too
        rows.add(bad("oidc issuer not a URL", oidc("not a url"), "framebudgets.source.oidc.issuer"));
        rows.add(bad("oidc issuer over http", oidc("http://idp.example.com/realms/games"),
                "framebudgets.source.oidc.issuer: http://idp.example.com would send the client secret unencrypted"));
        rows.add(bad("oidc without client id", oidc("https://idp.example.com").replace("client-id = \"nightly\"", "client-id = \"\""),
                "framebudgets.source.oidc.client-id must not be empty"));
        rows.add(bad("oidc secret variable unset", "framebudgets.source { token-file = \"\", oidc { issuer = \"https://idp.example.com\", "
                + "client-id = \"nightly\", client-secret-env = \"FB_NO_SUCH_SECRET\" } }\n",
                "framebudgets.source.oidc.client-secret-env: environment variable FB_NO_SUCH_SECRET is not set"));
        rows.add(bad("oidc secret file empty", oidc("https://idp.example.com").replace("@SECRET@", "@EMPTY@"),
                "framebudgets.source.oidc.client-secret-file: file"));
        rows.add(bad("oidc beside a token file", oidc("https://idp.example.com").replace("token-file = \"\", ", ""),
                "framebudgets.source.token-file and framebudgets.source.oidc.issuer are both set"));
        rows.add(reaches("oidc issuer unreachable", oidc("http://127.0.0.1:1/default"), FrameBudgetJob.EXIT_FAILED,
                "framebudgets.source.oidc.issuer http://127.0.0.1:1/default failed"));
        // names
        rows.add(reaches("quotes in a thread name", "framebudgets.frames.main-thread = \"x' OR '1'='1\"\n", FrameBudgetJob.EXIT_NOT_WRITTEN, "no thread named 'x' OR '1'='1'"));
        rows.add(reaches("comment in a thread name", "framebudgets.frames.main-thread = \"GameThread -- x\"\n", FrameBudgetJob.EXIT_NOT_WRITTEN, "'GameThread -- x'"));
        rows.add(reaches("semicolon in an exe", "framebudgets.processes.exe = [\"a.exe'; DROP TABLE processes; --\"]\n", FrameBudgetJob.EXIT_NOT_WRITTEN, "DROP TABLE"));
        rows.add(reaches("backslash in a thread name", "framebudgets.frames.main-thread = \"Game\\\\Thread\"\n", FrameBudgetJob.EXIT_NOT_WRITTEN, "'Game\\\\Thread'"));
        rows.add(reaches("NUL in a thread name", "framebudgets.frames.main-thread = \"Game\\u0000Thread\"\n", FrameBudgetJob.EXIT_NOT_WRITTEN, "'Game\\u0000Thread'"));
        rows.add(reaches("right-to-left override", "framebudgets.frames.main-thread = \"Game\\u202eThread\"\n", FrameBudgetJob.EXIT_NOT_WRITTEN, "'Game\\u202eThread'"));
        rows.add(reaches("10k-character frame name", "framebudgets.frames.span-name = \"" + "F".repeat(10_000) + "\"\n", FrameBudgetJob.EXIT_NOT_WRITTEN, "(10000 characters)"));
        rows.add(reaches("Unicode thread name", "framebudgets.frames.main-thread = \"ゲームスレッド\"\n", FrameBudgetJob.EXIT_NOT_WRITTEN, "'ゲームスレッド'"));
        // command line
        rows.add(cli("unknown option", List.of("--frobnicate"), "Unknown option: '--frobnicate'"));
        rows.add(cli("spark-submit's flag given to the job", List.of("--verbose"), "Unknown option: '--verbose'"));
        rows.add(cli("two config files", List.of("--conf", "a.conf"), "should be specified only once"));
        rows.add(cli("unexpected argument", List.of("2025-07-24"), "Unmatched argument"));
        rows.add(cli("missing value", List.of("--date"), "Missing required parameter"));
        return rows.stream();
    }

    private static String oidc(String issuer) {
        return "framebudgets.source { token-file = \"\", oidc { issuer = \"" + issuer + "\", client-id = \"nightly\", "
                + "client-secret-file = \"@SECRET@\" } }\n";
    }

    @BeforeAll
    static void aGoodReport() throws Exception {
        temp = Files.createTempDirectory("bad-input");
        standin = StandinMain.launch(new String[] {"--port", "0", "--seed", "3", "--processes", "1", "--minutes", "0.02",
                "--spans-per-frame", "40", "--workers", "1", "--start", "2025-07-24T12:00:00Z", "--api-key", "me=" + TOKEN},
                Map.of());
        root = temp.resolve("good");
        tokenFile = temp.resolve("token");
        Files.writeString(tokenFile, TOKEN + "\n");
        Files.writeString(temp.resolve("empty"), "");
        Files.writeString(temp.resolve("wrong"), "not-the-token\n");
        Files.writeString(temp.resolve("a-file"), "x");
        Outcome good = JobRuns.run("--conf", conf("").toString());
        assertEquals(FrameBudgetJob.EXIT_OK, good.status(), good.out() + good.err());
    }

    @AfterAll
    static void stop() {
        standin.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputIsNamedAndChangesNothing(Row row) throws Exception {
        Map<String, String> before = OutputFolder.digests(root, row.reaches() ? new String[] {"run_log"} : new String[0]);
        List<String> args = new ArrayList<>(List.of("--conf", conf(row.settings()).toString()));
        args.addAll(row.args());
        Outcome run = JobRuns.run(args.toArray(String[]::new));
        String said = run.out() + run.err();
        assertEquals(row.exit(), run.status(), said);
        assertTrue(said.contains(row.says()), "the message names the fault (" + row.says() + "): " + said);
        assertFalse(said.contains(TOKEN), "no secret: " + said);
        assertEquals(before, OutputFolder.digests(root, row.reaches() ? new String[] {"run_log"} : new String[0]),
                "the output root is as it was");
    }

    private static Path conf(String extra) throws Exception {
        String uri = standin.server().uri().toString();
        String text = "include file(\"" + Path.of("conf/demo.conf").toAbsolutePath() + "\")\n"
                + "framebudgets.source.uri = \"" + uri + "\"\n"
                + "framebudgets.source.token-file = \"" + tokenFile + "\"\n"
                + "framebudgets.output.root = \"" + root + "\"\n"
                + extra.replace("@FILE@", temp.resolve("a-file").toString()).replace("@EMPTY@", temp.resolve("empty").toString())
                        .replace("@WRONG@", temp.resolve("wrong").toString()).replace("@SECRET@", tokenFile.toString()).replace("@TLS@", uri.replace("grpc://", "grpc+tls://"));
        Path conf = Files.createTempFile(temp, "job", ".conf");
        Files.writeString(conf, text);
        return conf;
    }
}
