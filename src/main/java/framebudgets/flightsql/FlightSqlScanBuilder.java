package framebudgets.flightsql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownLimit;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Collects what Spark pushes into the scan: the columns it needs, the predicates the server can
 * evaluate exactly (the rest are handed back for Spark to evaluate), and a limit. Constant columns
 * are never sent to the server; predicates on them stay with Spark and also drop the queries whose
 * constants cannot match ({@link ConstantFilters}).
 */
final class FlightSqlScanBuilder implements ScanBuilder, SupportsPushDownRequiredColumns,
        SupportsPushDownV2Filters, SupportsPushDownLimit {
    private final FlightSqlReadOptions options;
    private final StructType schema;
    private final Set<String> constants;
    private StructType required;
    private final List<Predicate> pushed = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();
    private final List<Predicate> keptWithSpark = new ArrayList<>();
    private Integer limit;

    FlightSqlScanBuilder(FlightSqlReadOptions options, StructType schema) {
        this.options = options;
        this.schema = schema;
        this.constants = Set.copyOf(options.constantColumns());
        this.required = schema;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
        List<StructField> fields = new ArrayList<>();
        for (StructField wanted : requiredSchema.fields()) {
            fields.add(schema.apply(wanted.name()));
        }
        required = new StructType(fields.toArray(new StructField[0]));
    }

    @Override
    public Predicate[] pushPredicates(Predicate[] predicates) {
        PredicateTranslator translator = new PredicateTranslator(resultColumns(schema), options.connection.timestamps);
        List<Predicate> remaining = new ArrayList<>();
        for (Predicate predicate : predicates) {
            Optional<String> sql = translator.translate(predicate);
            if (sql.isPresent()) {
                pushed.add(predicate);
                conditions.add(sql.get());
            } else {
                remaining.add(predicate);
                keptWithSpark.add(predicate);
            }
        }
        return remaining.toArray(new Predicate[0]);
    }

    @Override
    public Predicate[] pushedPredicates() {
        return pushed.toArray(new Predicate[0]);
    }

    @Override
    public boolean pushLimit(int limit) {
        this.limit = limit;
        return true;
    }

    @Override
    public Scan build() {
        StructType result = resultColumns(schema);
        StructType requiredResult = resultColumns(required);
        boolean pruned = !Arrays.equals(requiredResult.fieldNames(), result.fieldNames());
        List<String> columns = pruned || !conditions.isEmpty() || limit != null
                ? Arrays.asList(requiredResult.fieldNames()) : null;
        List<FlightSqlQuery> queries = new ArrayList<>();
        for (FlightSqlQuery query : options.queryList()) {
            if (ConstantFilters.mayMatch(keptWithSpark, query.constants())) {
                queries.add(query.withSql(SqlText.wrap(query.sql(), columns, conditions, limit)));
            }
        }
        return new FlightSqlScan(options, required, queries, conditions, limit);
    }

    /** {@code fields} without the constant columns: what the server's result holds. */
    private StructType resultColumns(StructType fields) {
        return new StructType(Arrays.stream(fields.fields()).filter(f -> !constants.contains(f.name()))
                .toArray(StructField[]::new));
    }
}
