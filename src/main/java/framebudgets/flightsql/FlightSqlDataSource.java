package framebudgets.flightsql;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.RelationProvider;
import org.apache.spark.sql.sources.SchemaRelationProvider;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code flightsql} Spark data source: reads the result of SQL run by any Arrow Flight SQL
 * server, as {@code spark.read().format("flightsql")} or {@code CREATE TABLE ... USING flightsql}.
 * A DSv2 source; it is also a V1 relation provider ({@link FlightSqlRelation}) because Spark reads
 * catalog tables through V1 when {@code spark_catalog} is a custom catalog such as Delta's.
 * Options are documented in docs/flightsql-source.md.
 */
public final class FlightSqlDataSource implements TableProvider, DataSourceRegister, RelationProvider,
        SchemaRelationProvider {

    @Override
    public String shortName() {
        return "flightsql";
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return SchemaDiscovery.discover(FlightSqlReadOptions.parse(options.asCaseSensitiveMap()));
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new FlightSqlTable(schema, properties);
    }

    @Override
    public boolean supportsExternalMetadata() {
        return true;
    }

    /** V1 entry for catalog tables resolved through Spark's V1 path; discovers the schema. */
    @Override
    public BaseRelation createRelation(SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters) {
        Map<String, String> options = CollectionConverters.asJava(parameters);
        return new FlightSqlRelation(sqlContext, options, inferSchema(new CaseInsensitiveStringMap(options)));
    }

    /** V1 entry for catalog tables with a stored or declared schema. */
    @Override
    public BaseRelation createRelation(SQLContext sqlContext, scala.collection.immutable.Map<String, String> parameters,
                                       StructType schema) {
        return new FlightSqlRelation(sqlContext, CollectionConverters.asJava(parameters), schema);
    }
}
