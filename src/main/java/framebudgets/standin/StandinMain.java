package framebudgets.standin;

import framebudgets.standin.telemetry.GeneratorSettings;
import framebudgets.standin.telemetry.ParquetReplay;
import framebudgets.standin.telemetry.TelemetryGenerator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the micromegas stand-in from the command line: synthetic or replayed telemetry served over
 * Arrow Flight SQL until Ctrl-C, for demos, notebooks and manual testing.
 */
@Command(name = "standin", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A micromegas-compatible Flight SQL server over DuckDB with synthetic or replayed telemetry.")
public final class StandinMain {

    private static final Logger LOG = LoggerFactory.getLogger(StandinMain.class);

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "50051", description = "Port to bind, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--api-key", paramLabel = "NAME=KEY",
            description = "Accept `authorization: Bearer KEY` (repeatable); also read from env MICROMEGAS_API_KEYS.")
    Map<String, String> apiKeys = new LinkedHashMap<>();

    @Option(names = "--basic-user", paramLabel = "NAME=PASSWORD",
            description = "Accept basic auth (Arrow Handshake) for this user (repeatable); for local tests only, "
                    + "the password is visible in the process list.")
    Map<String, String> basicUsers = new LinkedHashMap<>();

    @Option(names = "--oidc-issuer", paramLabel = "URL",
            description = "Accept OIDC bearer tokens of this issuer (RS256 JWTs checked against its JWKS), as micromegas "
                    + "with MICROMEGAS_OIDC_CONFIG; needs --oidc-audience. API keys keep working alongside.")
    java.net.URI oidcIssuer;

    @Option(names = "--oidc-audience", paramLabel = "AUD", description = "The audience an OIDC token must carry.")
    String oidcAudience;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve TLS with this certificate chain.")
    Path tlsCertificate;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "Private key for --tls-cert.")
    Path tlsKey;

    @Option(names = "--strict", description = "Refuse prepared statements, like the real micromegas server.")
    boolean strict;

    @Option(names = "--micromegas", paramLabel = "VERSION", defaultValue = "newest", converter = StandinConverters.Profile.class,
            description = "The micromegas surface to imitate: newest (0.29-0.33: JSONB properties, new columns, "
                    + "v0.29 status codes) or 0.11 (default: ${DEFAULT-VALUE}).")
    MicromegasProfile profile;

    @Option(names = "--materialization-lag", paramLabel = "DURATION", defaultValue = "0s", converter = StandinConverters.Lag.class,
            description = "Newest surface: streams and processes inserted less than this long ago are not materialized yet "
                    + "(thread_spans answers 'Stream not found'), e.g. 90s, 5m (default: ${DEFAULT-VALUE}).")
    java.time.Duration materializationLag;

    @Option(names = "--latency", paramLabel = "DURATION", defaultValue = "0s", converter = StandinConverters.Lag.class,
            description = "Every call waits this long before it is answered, as across a network, e.g. 200ms (default: ${DEFAULT-VALUE}).")
    java.time.Duration latency;

    @Option(names = "--export-from", paramLabel = "URI",
            description = "Export mode: pull the window --from/--to from the micromegas server at URI (grpc:// or grpc+tls://) "
                    + "into the replay layout in DIR, then exit (docs/replay-layout.md).")
    java.net.URI exportFrom;

    @Option(names = "--from", paramLabel = "TIME", description = "Export: start of the window (RFC 3339, UTC).")
    Instant exportStart;

    @Option(names = "--to", paramLabel = "TIME", description = "Export: end of the window (RFC 3339, UTC).")
    Instant exportEnd;

    @Option(names = "--token-env", paramLabel = "VAR", defaultValue = "MICROMEGAS_TOKEN",
            description = "Export: the bearer token comes from this variable when set (default: ${DEFAULT-VALUE}).")
    String tokenEnv;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Export: read the bearer token from FILE.")
    Path tokenFile;

    @CommandLine.Parameters(arity = "0..1", paramLabel = "DIR", description = "Export: the replay directory to write.")
    Path exportDirectory;

    @Option(names = "--replay", paramLabel = "DIR", description = "Serve Parquet telemetry from DIR (docs/replay-layout.md) instead of generating.")
    Path replay;

    @Option(names = "--db", paramLabel = "FILE", description = "Keep the DuckDB database in FILE (reused when it already has telemetry).")
    Path databaseFile;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--processes", defaultValue = "4", description = "Generated game processes (default: ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--minutes", defaultValue = "5", description = "Minutes per process (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--fps", defaultValue = "60", description = "Target frame rate (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--spans-per-frame", defaultValue = "1000", description = "Approximate spans per frame across threads (default: ${DEFAULT-VALUE}).")
    int spansPerFrame;

    @Option(names = "--workers", defaultValue = "4", description = "Worker threads per process (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--sampled", description = "Keep only block runs around spikes and heartbeats, like Unreal's sampling.")
    boolean sampled;

    @Option(names = "--edge-cases", description = "Also generate a process without frames and an empty process.")
    boolean edgeCases;

    @Option(names = "--builds", split = ",", paramLabel = "BUILD",
            description = "build-version values of the game processes, assigned in turn (default: ${DEFAULT-VALUE}).",
            defaultValue = "++MyGame+Main-CL-52210,++MyGame+Main-CL-52345")
    List<String> builds;

    @Option(names = "--physics-regression-ms", defaultValue = "0",
            description = "Extra TG_EndPhysics time per frame in the processes of the last build (default: ${DEFAULT-VALUE}).")
    double physicsRegressionMs;

    @Option(names = "--start", defaultValue = "2025-07-24T12:00:00Z", description = "Start of the generated telemetry, UTC (default: ${DEFAULT-VALUE}).")
    Instant start;

    @Option(names = "--cut-streams", paramLabel = "N", defaultValue = "0",
            description = "Fault injection: end the first N data streams longer than --cut-after-batches with UNAVAILABLE, as if the server died mid-stream (default: ${DEFAULT-VALUE}).")
    int cutStreams;

    @Option(names = "--cut-after-batches", paramLabel = "K", defaultValue = "1",
            description = "The batch after which --cut-streams ends a stream (default: ${DEFAULT-VALUE}).")
    int cutAfterBatches;

    /** A running stand-in: closing it stops the server and closes the database. */
    public record Running(StandinServer server, StandinDatabase database) implements AutoCloseable {
        @Override
        public void close() {
            try (StandinDatabase db = database) {
                server.close();
            }
        }
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new StandinMain());
        try {
            CommandLine.ParseResult parsed = commandLine.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return;
            }
            StandinMain command = commandLine.getCommand();
            if (command.exportFrom != null) {
                command.export(System.getenv());
                return;
            }
            Running running = command.start(System.getenv());
            announce(running.server(), !System.getenv().getOrDefault(ApiKeysEnvironment.VARIABLE, "").isBlank()
                    || !command.apiKeys.isEmpty(), !command.basicUsers.isEmpty());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.close();
                stopped.countDown();
            }, "standin-shutdown"));
            stopped.await();
        } catch (CommandLine.ParameterException | IllegalArgumentException e) {
            commandLine.getErr().println("standin: " + e.getMessage());
            commandLine.usage(commandLine.getErr());
            System.exit(2);
        } catch (Exception e) {
            LOG.error("stand-in failed", e);
            System.exit(1);
        }
    }

    /** Parses {@code args} (environment {@code env}) and starts the stand-in; bad input throws with the option named. */
    public static Running launch(String[] args, Map<String, String> env) throws Exception {
        CommandLine commandLine = new CommandLine(new StandinMain());
        commandLine.parseArgs(args);
        return ((StandinMain) commandLine.getCommand()).start(env);
    }

    /** Export mode: pulls the window into the replay directory and prints what it wrote. */
    void export(Map<String, String> env) throws Exception {
        if (exportStart == null || exportEnd == null || exportDirectory == null) {
            throw new IllegalArgumentException("--export-from needs --from, --to and the directory DIR");
        }
        String token = null;
        if (tokenFile != null) {
            token = java.nio.file.Files.readString(tokenFile).strip();
        } else if (env.get(tokenEnv) != null && !env.get(tokenEnv).isBlank()) {
            token = env.get(tokenEnv).strip();
        }
        framebudgets.standin.telemetry.FlightExport export =
                new framebudgets.standin.telemetry.FlightExport(exportFrom, token, exportStart, exportEnd);
        try (StandinDatabase scratch = StandinDatabase.inMemory(); Connection connection = scratch.newConnection()) {
            framebudgets.standin.telemetry.FlightExport.Summary summary = export.export(connection, exportDirectory);
            new PrintWriter(System.out, true).println("exported [" + exportStart + ", " + exportEnd + "] from " + exportFrom
                    + " to " + exportDirectory + ": " + summary.processes() + " processes, " + summary.streams() + " streams, "
                    + summary.blocks() + " blocks, " + summary.spans() + " thread span rows of " + summary.cpuStreams()
                    + " CPU streams");
        }
    }

    /** Parses {@code args} and runs the export they ask for (tests). */
    public static void exportWith(String[] args, Map<String, String> env) throws Exception {
        CommandLine commandLine = new CommandLine(new StandinMain());
        commandLine.parseArgs(args);
        StandinMain command = commandLine.getCommand();
        if (command.exportFrom == null) {
            throw new IllegalArgumentException("--export-from is required");
        }
        command.export(env);
    }

    Running start(Map<String, String> env) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        String fromEnv = env.get(ApiKeysEnvironment.VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            keys.putAll(ApiKeysEnvironment.parse(fromEnv));
        }
        keys.putAll(apiKeys);
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
        }
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(seed, processes, minutes, fps, spansPerFrame, start, sampled, workers, edgeCases, builds,
                    physicsRegressionMs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("generator setting ", "option --")
                    .replace("spansPerFrame", "spans-per-frame").replace("physicsRegressionMs", "physics-regression-ms"), e);
        }
        StandinServer.Builder builder;
        StandinDatabase database = databaseFile == null ? StandinDatabase.inMemory() : StandinDatabase.open(databaseFile);
        try {
            fill(database, settings);
            builder = StandinServer.builder(database).host(host).port(port).apiKeys(keys).basicUsers(basicUsers)
                    .strict(strict).cutStreams(cutStreams, cutAfterBatches).profile(profile)
                    .materializationLag(materializationLag).latency(latency);
            if (tlsCertificate != null) {
                builder.tls(tlsCertificate, tlsKey);
            }
            if ((oidcIssuer == null) != (oidcAudience == null)) {
                throw new IllegalArgumentException("--oidc-issuer and --oidc-audience must be given together");
            }
            if (oidcIssuer != null) {
                builder.oidc(oidcIssuer, oidcAudience);
            }
            StandinServer server = builder.start();
            LOG.info("micromegas stand-in listening on {} ({} API key(s), {} basic user(s))", server.uri(),
                    keys.size(), basicUsers.size());
            return new Running(server, database);
        } catch (Exception e) {
            database.close();
            throw e;
        }
    }

    private void fill(StandinDatabase database, GeneratorSettings settings) throws Exception {
        try (Connection connection = database.newConnection()) {
            if (replay != null) {
                ParquetReplay.load(connection, replay);
                LOG.info("Replayed telemetry from {}", replay);
            } else if (hasTelemetry(connection)) {
                LOG.info("Serving the telemetry already in {}", databaseFile);
            } else {
                long begin = System.nanoTime();
                TelemetryGenerator.Summary summary = TelemetryGenerator.generate(settings, connection);
                LOG.info("Generated {} processes, {} streams, {} blocks, {} spans in {} ms", summary.processes().size(),
                        summary.streams(), summary.blocks(), summary.spans(), (System.nanoTime() - begin) / 1_000_000);
            }
        }
    }

    private static boolean hasTelemetry(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet found = statement.executeQuery(
                        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'mm_processes'")) {
            found.next();
            if (found.getLong(1) == 0) {
                return false;
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM mm_processes")) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private static void announce(StandinServer server, boolean withKeys, boolean withBasicUsers) {
        PrintWriter out = new PrintWriter(System.out, true);
        out.println("Connect from Spark:");
        out.println("  spark.read().format(\"flightsql\").option(\"uri\", \"" + server.uri() + "\")");
        out.println("       .option(\"query\", \"SELECT * FROM processes\").load().show();");
        if (withKeys) {
            out.println("  (send one of the API keys as the bearer token)");
        }
        if (withBasicUsers) {
            out.println("  (or a basic user: .option(\"username\", ...).option(\"password\", ...))");
        }
        out.println("Press Ctrl-C to stop.");
    }
}
