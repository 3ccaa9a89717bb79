package framebudgets.notebook;

import framebudgets.config.ProcessFilter;
import framebudgets.config.ReportWindow;
import framebudgets.config.SourceSettings;
import framebudgets.micromegas.ProcessRow;
import framebudgets.micromegas.TelemetryReader;
import framebudgets.micromegas.ThreadStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * One process's telemetry, read live from a micromegas server (or the stand-in) through the
 * {@code flightsql} source, shaped as the inputs of
 * {@link framebudgets.report.FrameBudgetReport#compute}: so a notebook can drill into a process
 * or try a budget map without the nightly job and without lambdas.
 */
public final class LiveTelemetry {
    /** The frame span and main thread of Unreal Engine games (the job's defaults). */
    public static final String FRAME_SPAN = "FEngineLoop::Tick";
    public static final String MAIN_THREAD = "GameThread";
    /** The environment variable a token is read from, as for the job. */
    public static final String TOKEN_ENV = "MICROMEGAS_TOKEN";

    /** The process property holding the build, as Unreal's micromegas sink sends it (the job's default). */
    public static final String BUILD_PROPERTY = "build-version";

    private static final ProcessFilter ALL_PROCESSES = new ProcessFilter(List.of(), List.of(), List.of(), "", List.of(), "", 0,
            BUILD_PROPERTY);
    private static final StructType PROCESSES = new StructType()
            .add("process_id", DataTypes.StringType, false)
            .add("exe", DataTypes.StringType, true)
            .add("username", DataTypes.StringType, true)
            .add("computer", DataTypes.StringType, true)
            .add("build", DataTypes.StringType, true);

    private final SparkSession spark;
    private final TelemetryReader reader;
    private final ReportWindow window;

    private LiveTelemetry(SparkSession spark, TelemetryReader reader, ReportWindow window) {
        this.spark = spark;
        this.reader = reader;
        this.window = window;
    }

    /**
     * @param uri the Flight SQL endpoint, e.g. {@code grpc://127.0.0.1:50051}; a bearer token is sent
     *     when the environment variable {@value #TOKEN_ENV} is set (the token itself is never logged)
     * @param from window start, RFC 3339 (e.g. {@code 2025-07-24T12:00:00Z})
     * @param to window end, exclusive
     */
    public static LiveTelemetry connect(SparkSession spark, String uri, String from, String to) {
        Instant begin = Instant.parse(from);
        Instant end = Instant.parse(to);
        if (!begin.isBefore(end)) {
            throw new IllegalArgumentException("window: from (" + from + ") must be before to (" + to + ")");
        }
        ReportWindow window = new ReportWindow(begin, end, begin.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        SourceSettings source = new SourceSettings(uri, TOKEN_ENV, "", "", Map.of());
        return new LiveTelemetry(spark, new TelemetryReader(spark, source, window), window);
    }

    /** The processes with CPU blocks in the window: process_id, exe, username, computer, build ({@value #BUILD_PROPERTY}). */
    public Dataset<Row> processes() {
        List<Row> rows = new ArrayList<>();
        for (ProcessRow p : reader.processes(ALL_PROCESSES)) {
            rows.add(RowFactory.create(p.processId(), p.exe(), p.username(), p.computer(), p.build()));
        }
        return spark.createDataFrame(rows, PROCESSES);
    }

    /**
     * The frames ({@value #FRAME_SPAN} on {@value #MAIN_THREAD}) of these processes that begin in the
     * window: process_id, stream_id, frame_begin, frame_end (epoch ns).
     */
    public Dataset<Row> frames(List<String> processIds) {
        List<ThreadStream> main = new ArrayList<>();
        for (ThreadStream s : reader.cpuStreams(processIds)) {
            if (MAIN_THREAD.equals(s.threadName())) {
                main.add(s);
            }
        }
        if (main.isEmpty()) {
            throw new IllegalArgumentException("processes " + processIds + ": no thread named '" + MAIN_THREAD + "' in the window");
        }
        Dataset<Row> named = reader.spansNamed(main, FRAME_SPAN);
        return named.where(named.col("begin").geq(nanos(window.from())).and(named.col("begin").lt(nanos(window.to()))))
                .select(named.col("process_id"), named.col("stream_id"),
                        named.col("begin").as("frame_begin"), named.col("end").as("frame_end"));
    }

    /** The spans of every CPU thread of these processes (columns of {@link TelemetryReader#SPANS}). */
    public Dataset<Row> spans(List<String> processIds) {
        return reader.spans(reader.cpuStreams(processIds));
    }

    /** Frames with their duration in ms and their start in seconds since the window's start. */
    public static Dataset<Row> frameTimes(Dataset<Row> frames, String from) {
        long origin = nanos(Instant.parse(from));
        return frames.select(
                frames.col("process_id"), frames.col("frame_begin"), frames.col("frame_end"),
                frames.col("frame_begin").minus(origin).divide(1e9).as("seconds"),
                frames.col("frame_end").minus(frames.col("frame_begin")).divide(1e6).as("frame_ms"))
                .orderBy(functions.col("frame_begin"));
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }
}
