package framebudgets.flightsql;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code flightsql} Spark data source: reads the result of SQL run by any Arrow Flight SQL
 * server, as {@code spark.read().format("flightsql")} or {@code CREATE TABLE ... USING flightsql}.
 * Options are documented in docs/flightsql-source.md.
 */
public final class FlightSqlDataSource implements TableProvider, DataSourceRegister {

    @Override
    public String shortName() {
        return "flightsql";
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return SchemaDiscovery.discover(FlightSqlOptions.parse(options.asCaseSensitiveMap()));
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new FlightSqlTable(schema, properties);
    }

    @Override
    public boolean supportsExternalMetadata() {
        return true;
    }
}
