package framebudgets.report;

import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * In-memory telemetry in the report's input contracts, as plain Java for the oracle and as DataFrames
 * for Spark. The DataFrames scan an RDD of three partitions like a real source, not a local relation,
 * so that the budget UDF runs in tasks (Spark folds expressions over local relations on the driver).
 */
public record Telemetry(List<Telemetry.Frame> frames, List<Telemetry.Span> spans, List<Telemetry.Process> processes) {

    public record Frame(String processId, String streamId, long begin, long end) {}

    public record Span(String processId, String streamId, String name, long begin, long end, long duration) {
        public Span(String processId, String streamId, String name, long begin, long end) {
            this(processId, streamId, name, begin, end, end - begin);
        }
    }

    /** A process and its exe and build (null: the process lacks the build property). */
    public record Process(String processId, String exe, String build) {
        public Process(String processId, String exe) {
            this(processId, exe, null);
        }
    }

    private static final int PARTITIONS = 3;

    static final StructType FRAMES = new StructType()
            .add("process_id", DataTypes.StringType).add("stream_id", DataTypes.StringType)
            .add("frame_begin", DataTypes.LongType).add("frame_end", DataTypes.LongType);
    static final StructType SPANS = new StructType()
            .add("process_id", DataTypes.StringType).add("stream_id", DataTypes.StringType)
            .add("name", DataTypes.StringType).add("begin", DataTypes.LongType)
            .add("end", DataTypes.LongType).add("duration", DataTypes.LongType);
    static final StructType PROCESSES = new StructType()
            .add("process_id", DataTypes.StringType).add("exe", DataTypes.StringType)
            .add("computer", DataTypes.StringType).add("build", DataTypes.StringType);

    private static Dataset<Row> toDataFrame(SparkSession spark, List<Row> rows, StructType schema) {
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, PARTITIONS), schema);
    }

    Dataset<Row> framesFrame(SparkSession spark) {
        return toDataFrame(spark, frames.stream()
                .map(f -> RowFactory.create(f.processId(), f.streamId(), f.begin(), f.end())).toList(), FRAMES);
    }

    /** Each stream's spans in one partition, as the span read gives them (self time needs it). */
    Dataset<Row> spansFrame(SparkSession spark) {
        List<Row> rows = spans.stream()
                .map(s -> RowFactory.create(s.processId(), s.streamId(), s.name(), s.begin(), s.end(), s.duration())).toList();
        JavaRDD<Row> byStream = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, PARTITIONS)
                .mapToPair(r -> new Tuple2<>(r.getString(0) + "/" + r.getString(1), r))
                .partitionBy(new HashPartitioner(PARTITIONS))
                .values();
        return spark.createDataFrame(byStream, SPANS);
    }

    Dataset<Row> processesFrame(SparkSession spark) {
        return toDataFrame(spark, processes.stream()
                .map(p -> RowFactory.create(p.processId(), p.exe(), "host-" + p.processId(), p.build())).toList(), PROCESSES);
    }
}
