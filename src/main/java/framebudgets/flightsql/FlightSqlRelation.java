package framebudgets.flightsql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.sources.PrunedFilteredScan;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The source seen through Spark's V1 API, which is how Spark reads catalog tables ({@code CREATE
 * TABLE ... USING flightsql}) when {@code spark_catalog} is a custom catalog such as Delta's. It
 * pushes columns and filters exactly like the DSv2 scan, then runs the resulting queries through
 * the DSv2 source itself, so the columnar Arrow read is the same; Spark gets its rows.
 */
final class FlightSqlRelation extends BaseRelation implements PrunedFilteredScan {
    private final SQLContext sqlContext;
    private final Map<String, String> properties;
    private final FlightSqlReadOptions options;
    private final StructType schema;

    FlightSqlRelation(SQLContext sqlContext, Map<String, String> properties, StructType schema) {
        this.sqlContext = sqlContext;
        this.properties = Map.copyOf(properties);
        this.options = FlightSqlReadOptions.parse(properties);
        this.schema = schema;
    }

    @Override
    public SQLContext sqlContext() {
        return sqlContext;
    }

    @Override
    public StructType schema() {
        return schema;
    }

    /** Rows come from the DSv2 read as Spark's internal rows already. */
    @Override
    public boolean needConversion() {
        return false;
    }

    @Override
    public Filter[] unhandledFilters(Filter[] filters) {
        List<Filter> unhandled = new ArrayList<>();
        for (Filter filter : filters) {
            if (new FlightSqlScanBuilder(options, schema).pushPredicates(new Predicate[] {filter.toV2()}).length > 0) {
                unhandled.add(filter);
            }
        }
        return unhandled.toArray(new Filter[0]);
    }

    @Override
    @SuppressWarnings("unchecked")
    public RDD<Row> buildScan(String[] requiredColumns, Filter[] filters) {
        List<StructField> fields = new ArrayList<>();
        for (String name : requiredColumns) {
            fields.add(schema.apply(name));
        }
        StructType required = new StructType(fields.toArray(new StructField[0]));
        FlightSqlScanBuilder builder = new FlightSqlScanBuilder(options, schema);
        builder.pruneColumns(required);
        List<Predicate> predicates = new ArrayList<>();
        for (Filter filter : filters) {
            predicates.add(filter.toV2());
        }
        builder.pushPredicates(predicates.toArray(new Predicate[0]));
        List<FlightSqlQuery> queries = ((FlightSqlScan) builder.build()).queries();
        if (queries.isEmpty()) {
            return (RDD<Row>) (RDD<?>) sqlContext.sparkSession().emptyDataFrame().queryExecution().toRdd();
        }
        Map<String, String> pushed = new LinkedHashMap<>(properties);
        pushed.keySet().removeIf(key -> key.equalsIgnoreCase(FlightSqlReadOptions.QUERY)
                || key.equalsIgnoreCase(FlightSqlReadOptions.QUERIES));
        if (options.query != null) {
            pushed.put(FlightSqlReadOptions.QUERY, queries.get(0).sql());
        } else {
            pushed.put(FlightSqlReadOptions.QUERIES, FlightSqlPartitions.toJson(queries));
        }
        return (RDD<Row>) (RDD<?>) sqlContext.sparkSession().read().format(FlightSqlDataSource.class.getName())
                .schema(required).options(pushed).load().queryExecution().toRdd();
    }

    @Override
    public String toString() {
        return "FlightSqlRelation(" + options + ")";
    }
}
