package framebudgets.flightsql;

import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * A planned read: the final SQL (with pushdown applied) and its input partitions. For a single
 * {@code query} the driver calls GetFlightInfo and makes one partition per endpoint; for a
 * {@code queries} list each query is a partition that its executor resolves itself.
 * {@link #description()} (what explain and the UI show) never includes credentials or header values.
 */
final class FlightSqlScan implements Scan, Batch {
    private final FlightSqlReadOptions options;
    private final StructType schema;
    private final List<FlightSqlQuery> queries;
    private final List<String> conditions;
    private final Integer limit;
    private InputPartition[] partitions;

    FlightSqlScan(FlightSqlReadOptions options, StructType schema, List<FlightSqlQuery> queries,
                  List<String> conditions, Integer limit) {
        this.options = options;
        this.schema = schema;
        this.queries = queries;
        this.conditions = conditions;
        this.limit = limit;
    }

    /** The queries of this scan, pushdown applied, one per input partition (for a {@code queries} read). */
    List<FlightSqlQuery> queries() {
        return queries;
    }

    @Override
    public StructType readSchema() {
        return schema;
    }

    @Override
    public String description() {
        StringBuilder text = new StringBuilder("FlightSqlScan ").append(options.connection.uri);
        if (options.query != null) {
            text.append(" query=[").append(queries.get(0).sql().replace('\n', ' ')).append(']');
        } else {
            text.append(" queries=").append(queries.size()).append(" of ").append(options.queries.size());
            if (!options.constantColumns().isEmpty()) {
                text.append(" constants=").append(options.constantColumns());
            }
        }
        if (!conditions.isEmpty()) {
            text.append(" pushedFilters=").append(conditions);
        }
        if (limit != null) {
            text.append(" limit=").append(limit);
        }
        if (!options.connection.headers.isEmpty()) {
            text.append(" headers=").append(options.connection.headers.keySet());
        }
        text.append(" timestamps=").append(options.connection.timestamps.name().toLowerCase(Locale.ROOT));
        return text.toString();
    }

    @Override
    public String toString() {
        return description();
    }

    @Override
    public Batch toBatch() {
        return this;
    }

    @Override
    public ColumnarSupportMode columnarSupportMode() {
        return ColumnarSupportMode.SUPPORTED;
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return FlightSqlMetrics.supported();
    }

    @Override
    public synchronized InputPartition[] planInputPartitions() {
        if (partitions == null) {
            partitions = options.query != null ? endpointPartitions() : queryPartitions();
        }
        return partitions;
    }

    private InputPartition[] queryPartitions() {
        InputPartition[] result = new InputPartition[queries.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = new FlightSqlInputPartition.Query(i, queries.get(i));
        }
        return result;
    }

    private InputPartition[] endpointPartitions() {
        String sql = queries.get(0).sql();
        List<Endpoints.Endpoint> endpoints = Retries.onTransientFailure(options.connection, "GetFlightInfo", () -> {
            try (FlightSqlMemory memory = new FlightSqlMemory("flightsql planning");
                 FlightSqlConnection connection = FlightSqlConnection.open(options.connection, memory, null, queries.get(0).headers())) {
                return Endpoints.of(connection.execute(sql));
            }
        });
        InputPartition[] result = new InputPartition[endpoints.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = FlightSqlInputPartition.Endpoint.of(i, endpoints.get(i));
        }
        return result;
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new FlightSqlReaderFactory(options.connection, schema,
                FailureRecording.of(options, org.apache.spark.sql.SparkSession.active().sparkContext()));
    }
}
