package framebudgets.flightsql;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ColumnarBatch;

/** Shipped to executors: makes a columnar {@link FlightSqlPartitionReader} per input partition. */
final class FlightSqlReaderFactory implements PartitionReaderFactory {
    private static final long serialVersionUID = 1L;
    private final FlightSqlOptions options;
    private final StructType schema;
    private final FailureRecording failures;

    FlightSqlReaderFactory(FlightSqlOptions options, StructType schema, FailureRecording failures) {
        this.options = options;
        this.schema = schema;
        this.failures = failures;
    }

    @Override
    public boolean supportColumnarReads(InputPartition partition) {
        return true;
    }

    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        throw new UnsupportedOperationException("the flightsql source reads columnar batches only");
    }

    @Override
    public PartitionReader<ColumnarBatch> createColumnarReader(InputPartition partition) {
        return new FlightSqlPartitionReader(options, schema, (FlightSqlInputPartition) partition, failures);
    }
}
