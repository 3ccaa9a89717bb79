package framebudgets.flightsql;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The result of a Flight SQL query (or list of queries) as a read-only Spark table. */
final class FlightSqlTable implements SupportsRead {
    private final StructType schema;
    private final Map<String, String> properties;
    private final FlightSqlReadOptions options;

    FlightSqlTable(StructType schema, Map<String, String> properties) {
        this.schema = schema;
        this.properties = Map.copyOf(properties);
        this.options = FlightSqlReadOptions.parse(properties);
    }

    @Override
    public String name() {
        return "flightsql:" + options.connection.target();
    }

    @Override
    public StructType schema() {
        return schema;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return EnumSet.of(TableCapability.BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(scanOptions.asCaseSensitiveMap());
        return new FlightSqlScanBuilder(FlightSqlReadOptions.parse(merged), schema);
    }
}
