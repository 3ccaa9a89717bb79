package framebudgets.standin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import io.grpc.netty.NettyServerBuilder;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A micromegas-compatible Arrow Flight SQL server that executes the SQL it receives on DuckDB.
 * Tests, benchmarks, the demo and notebooks point the {@code flightsql} source at it.
 */
public final class StandinServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandinServer.class);
    private static final long SHUTDOWN_SECONDS = 10;

    private final BufferAllocator allocator;
    private final ExecutorService queryThreads;
    private final StandinSqlProducer producer;
    private final ReceivedQueryLog receivedQueries = new ReceivedQueryLog();
    private final FlightServer server;
    private final String host;
    private final boolean tls;

    private StandinServer(Builder settings) throws IOException {
        this.host = settings.host;
        this.tls = settings.certificateChain != null;
        // The newest profile's search path names this schema, even on a database without telemetry.
        settings.database.execute("CREATE SCHEMA IF NOT EXISTS newest");
        this.allocator = new RootAllocator();
        this.queryThreads = Executors.newCachedThreadPool(queryThreadFactory());
        this.producer = new StandinSqlProducer(settings.database, allocator, settings.strict, receivedQueries,
                queryThreads, settings.faults, settings.profile, settings.materializationLag);
        Location location = tls
                ? Location.forGrpcTls(settings.host, settings.port)
                : Location.forGrpcInsecure(settings.host, settings.port);
        FlightServer.Builder builder = FlightServer.builder(allocator, location, producer)
                .middleware(RequestHeaders.KEY, new RequestHeaders.Factory());
        if (!settings.latency.isZero()) {
            builder.middleware(NetworkLatency.KEY, new NetworkLatency.Factory(settings.latency));
        }
        if (settings.profile == MicromegasProfile.NEWEST) {
            Consumer<NettyServerBuilder> asMicromegas033 = netty -> netty.intercept(new StatementInfoWithoutDescriptor());
            builder.transportHint("grpc.builderConsumer", asMicromegas033);
        }
        ApiKeyAuthenticator apiKeys = settings.apiKeys.isEmpty() ? null : new ApiKeyAuthenticator(settings.apiKeys);
        if (settings.oidcIssuer != null) {
            builder.headerAuthenticator(new OidcTokenAuthenticator(settings.oidcIssuer, settings.oidcAudience, apiKeys));
        } else if (!settings.basicUsers.isEmpty()) {
            builder.headerAuthenticator(new BasicUsersAuthenticator(settings.basicUsers, apiKeys));
        } else if (apiKeys != null) {
            builder.headerAuthenticator(apiKeys);
        }
        if (tls) {
            builder.useTls(settings.certificateChain.toFile(), settings.privateKey.toFile());
            if (settings.trustedClientCa != null) {
                builder.useMTlsClientVerification(settings.trustedClientCa.toFile());
            }
        }
        FlightServer built = builder.build();
        try {
            this.server = built.start();
        } catch (IOException | RuntimeException e) {
            closeQuietly(built);
            queryThreads.shutdownNow();
            allocator.close();
            throw e;
        }
        LOG.info("micromegas stand-in listening on {} (micromegas {} surface, {} API key(s), {} basic user(s), {} mode)", uri(),
                settings.profile, settings.apiKeys.size(), settings.basicUsers.size(), settings.strict ? "strict" : "default");
    }

    public static Builder builder(StandinDatabase database) {
        return new Builder(database);
    }

    /** {@code grpc://host:port} or {@code grpc+tls://host:port}. */
    public URI uri() {
        String reachableHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return URI.create((tls ? "grpc+tls" : "grpc") + "://" + reachableHost + ":" + port());
    }

    public int port() {
        return server.getPort();
    }

    /** The statements DoGet executed, newest last (bounded history), with their request headers (authorization redacted). */
    public List<ReceivedQuery> receivedQueries() {
        return receivedQueries.snapshot();
    }

    /** Bytes the server's Arrow allocator holds right now (zero when no stream is in flight). */
    long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    /**
     * Stops accepting calls, cancels running queries, and closes the Arrow allocator, which fails
     * with {@link IllegalStateException} if any Arrow memory was leaked. Batches are copied into
     * gRPC's own buffers when sent, so Arrow memory is back as soon as the queries have ended.
     */
    @Override
    public void close() {
        server.shutdown();
        producer.cancelRunningQueries();
        // Waits a few seconds for calls to end, then cuts the connections of clients that stopped reading.
        closeQuietly(server);
        queryThreads.shutdown();
        try {
            if (!queryThreads.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("queries still running after {} s; closing anyway", SHUTDOWN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        allocator.close();
    }

    private static void closeQuietly(FlightServer flightServer) {
        try {
            flightServer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory queryThreadFactory() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "standin-query-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One statement as the server received it on DoGet. */
    public record ReceivedQuery(String sql, Map<String, String> headers, Instant at) {}

    /** Settings of a server before it starts. */
    public static final class Builder {
        private final StandinDatabase database;
        private String host = "127.0.0.1";
        private int port = 0;
        private Map<String, String> apiKeys = Map.of();
        private Map<String, String> basicUsers = Map.of();
        private java.net.URI oidcIssuer;
        private String oidcAudience;
        private Path certificateChain;
        private Path privateKey;
        private Path trustedClientCa;
        private boolean strict;
        private StreamFaults faults = StreamFaults.NONE;
        private MicromegasProfile profile = MicromegasProfile.NEWEST;
        private Duration materializationLag = Duration.ZERO;
        private Duration latency = Duration.ZERO;

        Builder(StandinDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        /** Address to bind; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to bind; default 0 (any free port). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** API keys by name, checked as {@code authorization: Bearer <key>}; no keys and no basic users = auth disabled. */
        public Builder apiKeys(Map<String, String> keysByName) {
            keysByName.forEach((name, key) -> {
                if (key == null || key.isEmpty()) {
                    throw new IllegalArgumentException("API key '" + name + "' is empty");
                }
            });
            this.apiKeys = Map.copyOf(keysByName);
            return this;
        }

        /**
         * Users accepted with basic auth (password by user name), through Arrow's Handshake that
         * trades them for a bearer token, or on every call; API keys keep working alongside.
         */
        public Builder basicUsers(Map<String, String> passwordsByUser) {
            passwordsByUser.forEach((user, password) -> {
                if (user == null || user.isEmpty() || user.indexOf(':') >= 0) {
                    throw new IllegalArgumentException("basic user name '" + user + "' is empty or contains ':'");
                }
                if (password == null || password.isEmpty()) {
                    throw new IllegalArgumentException("the password of basic user '" + user + "' is empty");
                }
            });
            this.basicUsers = Map.copyOf(passwordsByUser);
            return this;
        }

        /**
         * Accept OIDC bearer tokens as micromegas does with {@code MICROMEGAS_OIDC_CONFIG}: RS256 JWTs
         * of {@code issuer} (keys from its discovery document's JWKS) carrying {@code audience}, not
         * expired. API keys keep working alongside; basic users do not.
         */
        public Builder oidc(java.net.URI issuer, String audience) {
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("the OIDC audience is empty");
            }
            this.oidcIssuer = Objects.requireNonNull(issuer, "issuer");
            this.oidcAudience = audience;
            return this;
        }

        /** Serve TLS with this PEM certificate chain and PEM private key. */
        public Builder tls(Path certificateChain, Path privateKey) {
            this.certificateChain = readable("TLS certificate chain", certificateChain);
            this.privateKey = readable("TLS private key", privateKey);
            return this;
        }

        /** Require client certificates signed by this PEM CA (mTLS); needs {@link #tls}. */
        public Builder requireClientCertificates(Path trustedClientCa) {
            this.trustedClientCa = readable("trusted client CA", trustedClientCa);
            return this;
        }

        /** Strict mode executes no prepared statements, like the real micromegas server. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * Fault injection: the first {@code count} DoGet streams longer than {@code afterBatches}
         * batches end with UNAVAILABLE after that many batches, as if the server died mid-stream.
         */
        public Builder cutStreams(int count, int afterBatches) {
            this.faults = new StreamFaults(count, afterBatches);
            return this;
        }

        /** Which micromegas to imitate; default {@link MicromegasProfile#NEWEST}. */
        public Builder profile(MicromegasProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Newest profile: streams and processes inserted less than {@code lag} ago are not
         * materialized yet (absent from {@code streams}/{@code processes}; thread_spans answers
         * "Stream not found"), as before micromegas' maintenance daemon has processed them.
         */
        public Builder materializationLag(Duration lag) {
            if (lag.isNegative()) {
                throw new IllegalArgumentException("materialization lag must not be negative, got " + lag);
            }
            this.materializationLag = lag;
            return this;
        }

        /** Every call waits {@code latency} before it is authenticated and answered, as across a network. */
        public Builder latency(Duration latency) {
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, got " + latency);
            }
            this.latency = latency;
            return this;
        }

        public StandinServer start() throws IOException {
            if (trustedClientCa != null && certificateChain == null) {
                throw new IllegalStateException("requireClientCertificates needs tls(certificateChain, privateKey)");
            }
            return new StandinServer(this);
        }

        private static Path readable(String what, Path file) {
            Objects.requireNonNull(file, what);
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(what + " file is not readable: " + file);
            }
            return file;
        }
    }
}
