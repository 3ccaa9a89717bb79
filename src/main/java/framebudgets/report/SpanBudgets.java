package framebudgets.report;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Gives each span its budget: through a {@link BudgetMap} broadcast once to the executors and looked
 * up by a UDF ({@code span_budget}), or the span name itself. Spans without a budget are dropped, or
 * counted under the "other" budget when one is configured. Done before the range join so that
 * unmapped spans never reach the shuffle.
 */
public final class SpanBudgets {
    /** The column this stage adds. */
    public static final String BUDGET = "budget";

    private final Column budget;

    private SpanBudgets(Column budget) {
        this.budget = budget;
    }

    /** The stage the options ask for; broadcasts the budget map when there is one. */
    public static SpanBudgets of(SparkSession spark, ReportOptions options) {
        if (options.budgetMap().isEmpty()) {
            return new SpanBudgets(col("name"));
        }
        Broadcast<BudgetMap> map = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(options.budgetMap().get());
        UserDefinedFunction lookup = udf((UDF1<String, String>) name -> map.value().budgetOf(name), DataTypes.StringType)
                .withName("span_budget");
        Column mapped = lookup.apply(col("name"));
        return new SpanBudgets(options.otherBudget().map(other -> coalesce(mapped, lit(other))).orElse(mapped));
    }

    /** The spans with a non-null {@code budget} column. */
    public Dataset<Row> assign(Dataset<Row> spans) {
        return spans.withColumn(BUDGET, budget).where(col(BUDGET).isNotNull());
    }
}
