package framebudgets.standin;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A micromegas-compatible Arrow Flight SQL server that executes the SQL it receives on DuckDB.
 * Tests, benchmarks, the demo and notebooks point the {@code flightsql} source at it.
 */
public final class StandinServer implements AutoCloseable {

    public static Builder builder(StandinDatabase database) {
        return new Builder(database);
    }

    /** {@code grpc://host:port} or {@code grpc+tls://host:port}. */
    public URI uri() {
        throw new UnsupportedOperationException("TODO(server)");
    }

    public int port() {
        throw new UnsupportedOperationException("TODO(server)");
    }

    /** The statements DoGet executed, newest last (bounded history), with their request headers (authorization redacted). */
    public List<ReceivedQuery> receivedQueries() {
        throw new UnsupportedOperationException("TODO(server)");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("TODO(server)");
    }

    /** One statement as the server received it on DoGet. */
    public record ReceivedQuery(String sql, Map<String, String> headers) {}

    /** Settings of a server before it starts. */
    public static final class Builder {
        private final StandinDatabase database;

        Builder(StandinDatabase database) {
            this.database = database;
        }

        /** Address to bind; default 127.0.0.1. */
        public Builder host(String host) { throw new UnsupportedOperationException("TODO(server)"); }

        /** Port to bind; default 0 (any free port). */
        public Builder port(int port) { throw new UnsupportedOperationException("TODO(server)"); }

        /** API keys by name, checked as {@code authorization: Bearer <key>}; none = auth disabled. */
        public Builder apiKeys(Map<String, String> keysByName) { throw new UnsupportedOperationException("TODO(server)"); }

        /** Serve TLS with this PEM certificate chain and PEM private key. */
        public Builder tls(Path certificateChain, Path privateKey) { throw new UnsupportedOperationException("TODO(server)"); }

        /** Require client certificates signed by this PEM CA (mTLS); needs {@link #tls}. */
        public Builder requireClientCertificates(Path trustedClientCa) { throw new UnsupportedOperationException("TODO(server)"); }

        /** Strict mode executes no prepared statements, like the real micromegas server. */
        public Builder strict(boolean strict) { throw new UnsupportedOperationException("TODO(server)"); }

        public StandinServer start() throws IOException { throw new UnsupportedOperationException("TODO(server)"); }
    }
}
