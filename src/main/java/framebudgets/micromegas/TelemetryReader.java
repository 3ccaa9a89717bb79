package framebudgets.micromegas;

import static org.apache.spark.sql.functions.lit;

import framebudgets.config.OidcSettings;
import framebudgets.config.ProcessFilter;
import framebudgets.config.ReportWindow;
import framebudgets.config.SourceSettings;
import framebudgets.flightsql.FlightSqlFailureLog;
import framebudgets.flightsql.FlightSqlPartitions;
import framebudgets.flightsql.FlightSqlQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads what the report needs from micromegas through the {@code flightsql} source: the processes
 * and threads of the window (small lists, collected on the driver) and the spans of the chosen
 * streams (one input partition per stream, read in parallel by the executors, never collected).
 * Times come as lossless epoch-nanosecond longs.
 */
public final class TelemetryReader {
    /**
     * How far past the window's end spans are read, so a frame that begins inside the window but
     * ends after it still gets all its spans. Longer frames at the very end of a window lose the
     * spans beyond this margin.
     */
    public static final Duration FRAME_OVERRUN = Duration.ofMinutes(1);

    /**
     * The {@code x-client-type} the job sends unless {@code source.headers} sets one: micromegas
     * (0.29+) names the client in its audit log by it ("unknown" when absent).
     */
    public static final String CLIENT_TYPE = "frame-budgets";

    /** Processes per stream-discovery query, to keep each SQL statement small. */
    private static final int PROCESSES_PER_QUERY = 200;

    /** Columns of {@link #spans}: process_id, stream_id, name, begin, end, duration (ns). */
    public static final StructType SPANS = new StructType()
            .add("process_id", DataTypes.StringType, false)
            .add("stream_id", DataTypes.StringType, false)
            .add("name", DataTypes.StringType, false)
            .add("begin", DataTypes.LongType, false)
            .add("end", DataTypes.LongType, false)
            .add("duration", DataTypes.LongType, false);

    /** What a span read asks the server for, plus its constant columns (a fixed schema: no discovery call). */
    private static final StructType SPAN_READ = new StructType()
            .add("name", DataTypes.StringType, true)
            .add("begin", DataTypes.LongType, true)
            .add("end", DataTypes.LongType, true)
            .add("duration", DataTypes.LongType, true)
            .add("process_id", DataTypes.StringType, false)
            .add("stream_id", DataTypes.StringType, false);

    private final SparkSession spark;
    private final Map<String, String> sourceOptions;
    private final ReportWindow window;
    private final FlightSqlFailureLog failures;

    public TelemetryReader(SparkSession spark, SourceSettings source, ReportWindow window) {
        this(spark, source, window, null);
    }

    /**
     * With a failure log, a stream whose span query fails for good does not fail the Spark job: its
     * read stops and the failure (with the stream's process_id and stream_id) goes to {@code failures};
     * rows the stream delivered before failing may be in the result, so the caller must drop the
     * failed processes' rows. Discovery ({@link #processes}, {@link #cpuStreams}) still fails fast.
     */
    public TelemetryReader(SparkSession spark, SourceSettings source, ReportWindow window, FlightSqlFailureLog failures) {
        this.spark = spark;
        this.sourceOptions = sourceOptions(source);
        this.window = window;
        this.failures = failures;
    }

    /** The options of the {@code flightsql} source for these settings (the token by reference: env var or file). */
    static Map<String, String> sourceOptions(SourceSettings source) {
        Map<String, String> options = new HashMap<>();
        options.put("uri", source.uri());
        if (source.oidc().enabled()) {
            options.putAll(clientCredentialOptions(source.oidc()));
        } else if (!source.tokenFile().isEmpty()) {
            options.put("token.file", source.tokenFile());
        } else if (!source.tokenEnv().isEmpty() && System.getenv(source.tokenEnv()) != null) {
            options.put("token.env", source.tokenEnv());
        }
        if (!source.trustedRoots().isEmpty()) {
            options.put("tls.trusted_certificates", source.trustedRoots());
        }
        options.put("headers.x-client-type", CLIENT_TYPE);
        source.headers().forEach((name, value) -> options.put("headers." + name, value));
        options.put("timestamps", "epoch_nanos");
        return options;
    }

    /** The {@code oauth2.*} options for client credentials; the secret by reference (file or env var). */
    private static Map<String, String> clientCredentialOptions(OidcSettings oidc) {
        Map<String, String> options = new HashMap<>();
        options.put("oauth2.issuer", oidc.issuer());
        options.put("oauth2.client_id", oidc.clientId());
        if (!oidc.clientSecretFile().isEmpty()) {
            options.put("oauth2.client_secret.file", oidc.clientSecretFile());
        } else {
            options.put("oauth2.client_secret.env", oidc.clientSecretEnv());
        }
        if (!oidc.audience().isEmpty()) {
            options.put("oauth2.audience", oidc.audience());
        }
        if (!oidc.scope().isEmpty()) {
            options.put("oauth2.scope", oidc.scope());
        }
        return options;
    }

    private DataFrameReader reader() {
        return spark.read().format("flightsql").options(sourceOptions);
    }

    /**
     * The processes with CPU blocks in the window, after the filters, in process_id order, with
     * their build (the filter's build property; null when absent or not configured).
     */
    public List<ProcessRow> processes(ProcessFilter filter) {
        List<ProcessRow> out = new ArrayList<>();
        Dataset<Row> rows = reader()
                .option("queries", FlightSqlPartitions.toJson(List.of(
                        QueryRange.on(FlightSqlQuery.of(MicromegasQueries.processes(filter)), window.from(), window.to()))))
                .load();
        Column build = List.of(rows.columns()).contains("build") ? rows.col("build") : lit(null).cast(DataTypes.StringType);
        for (Row r : rows.select(rows.col("process_id"), rows.col("exe"), rows.col("username"), rows.col("computer"), build)
                .collectAsList()) {
            out.add(new ProcessRow(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
        }
        return out;
    }

    /**
     * The CPU streams of these processes that have blocks in the window or up to
     * {@link #FRAME_OVERRUN} past its end: a thread that starts working after the end still has
     * spans in the frames that cross it.
     */
    public List<ThreadStream> cpuStreams(List<String> processIds) {
        if (processIds.isEmpty()) {
            return List.of();
        }
        List<FlightSqlQuery> queries = new ArrayList<>();
        for (int i = 0; i < processIds.size(); i += PROCESSES_PER_QUERY) {
            List<String> chunk = processIds.subList(i, Math.min(processIds.size(), i + PROCESSES_PER_QUERY));
            queries.add(QueryRange.on(FlightSqlQuery.of(MicromegasQueries.cpuStreams(chunk)), window.from(),
                    window.to().plus(FRAME_OVERRUN)));
        }
        List<ThreadStream> out = new ArrayList<>();
        Dataset<Row> rows = reader().option("queries", FlightSqlPartitions.toJson(queries)).load();
        for (Row r : rows.select("process_id", "stream_id", "thread_name").collectAsList()) {
            out.add(new ThreadStream(r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getString(2)));
        }
        return out;
    }

    /**
     * The spans of {@code streams} from the window's start to {@link #FRAME_OVERRUN} past its end,
     * one input partition per stream; columns as {@link #SPANS}. The process and stream ids are
     * constant columns of each stream's query, added by the reader rather than sent per row. The
     * schema is given, so the source does not start a stream's query just to discover it.
     */
    public Dataset<Row> spans(List<ThreadStream> streams) {
        return read(streams, MicromegasQueries::threadSpans);
    }

    /** Only the spans named exactly {@code frameSpanName} of {@code streams}, read like {@link #spans}. */
    public Dataset<Row> spansNamed(List<ThreadStream> streams, String frameSpanName) {
        return read(streams, id -> MicromegasQueries.threadSpansNamed(id, frameSpanName));
    }

    private Dataset<Row> read(List<ThreadStream> streams, java.util.function.Function<String, String> sqlOfStream) {
        if (streams.isEmpty()) {
            return spark.createDataFrame(List.of(), SPANS);
        }
        Instant until = window.to().plus(FRAME_OVERRUN);
        List<FlightSqlQuery> queries = new ArrayList<>(streams.size());
        for (ThreadStream s : streams) {
            String sql = "SELECT name, \"begin\", \"end\", duration FROM (" + sqlOfStream.apply(s.streamId()) + ") AS spans";
            queries.add(QueryRange.on(FlightSqlQuery.of(sql), window.from(), until)
                    .withConstant("process_id", s.processId()).withConstant("stream_id", s.streamId()));
        }
        // The schema is given, so no discovery query starts a stream just to learn it.
        DataFrameReader read = reader().schema(SPAN_READ).option("queries", FlightSqlPartitions.toJson(queries));
        if (failures != null) {
            read = read.option("on_error", "record").option("on_error.log", failures.id());
        }
        Dataset<Row> spans = read.load();
        return spans.select(spans.col("process_id"), spans.col("stream_id"), spans.col("name"), spans.col("begin"),
                spans.col("end"), spans.col("duration"));
    }
}
