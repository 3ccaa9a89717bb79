package framebudgets.job;

import framebudgets.standin.StandinMain;
import java.util.Map;

/**
 * The embedded default for {@code ./submit.sh} with no arguments: the stand-in server on a free
 * loopback port, serving deterministic synthetic telemetry of three game processes (plus a process
 * without frames and an empty one) on 2025-07-24, the day conf/demo.conf reports on.
 */
public final class DemoTelemetry implements AutoCloseable {
    private final StandinMain.Running running;

    private DemoTelemetry(StandinMain.Running running) {
        this.running = running;
    }

    public static DemoTelemetry start() throws Exception {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("--demo needs DuckDB, which the cluster jar leaves out; "
                    + "run the demo with a local master (./submit.sh with no arguments)");
        }
        return new DemoTelemetry(StandinMain.launch(new String[] {
            "--port", "0", "--seed", "7", "--processes", "3", "--minutes", "1", "--spans-per-frame", "400",
            "--workers", "4", "--edge-cases", "--start", "2025-07-24T12:00:00Z"}, Map.of()));
    }

    public String uri() {
        return running.server().uri().toString();
    }

    @Override
    public void close() {
        running.close();
    }
}
