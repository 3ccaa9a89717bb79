package framebudgets.bench;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What benchmarks share in one run: the Spark session, the trial settings, the size asked for
 * ({@code spans}; {@code quick} when no size was given), where to put generated data, and the
 * span table of the scan benchmark (generated on first use).
 */
record BenchContext(SparkSession spark, SpanDataHolder spanData, Trial trial, long spans, boolean quick, Path workDir) {

    SpanData data() throws Exception {
        return spanData.get();
    }

    /** Generates the scan benchmark's span table on first use and closes it at the end of the suite. */
    static final class SpanDataHolder implements AutoCloseable {
        private final long spans;
        private final Path workDir;
        private SpanData data;

        SpanDataHolder(long spans, Path workDir) {
            this.spans = spans;
            this.workDir = workDir;
        }

        synchronized SpanData get() throws Exception {
            if (data == null) {
                System.out.printf(java.util.Locale.ROOT, "generating %,d spans for the scan...%n", spans);
                data = SpanData.generate(spans, workDir);
                System.out.printf(java.util.Locale.ROOT, "generated in %.1f s (DuckDB file %,d MB); stand-in at %s%n",
                        data.generation().toMillis() / 1000.0, data.databaseBytes() >> 20, data.uri());
            }
            return data;
        }

        @Override
        public synchronized void close() {
            if (data != null) {
                data.close();
            }
        }
    }
}
