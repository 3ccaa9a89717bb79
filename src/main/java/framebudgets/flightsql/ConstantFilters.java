package framebudgets.flightsql;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Partition skipping on constant columns: a query is left out of the scan when one of Spark's
 * (conjunctive) predicates is an {@code =}, {@code <=>} or {@code IN} on a constant column that its
 * value cannot satisfy. Any other predicate may match; Spark evaluates them all on the rows anyway.
 */
final class ConstantFilters {
    private ConstantFilters() {}

    static boolean mayMatch(List<Predicate> predicates, Map<String, String> constants) {
        if (constants.isEmpty()) {
            return true;
        }
        for (Predicate predicate : predicates) {
            if (excludes(predicate, constants)) {
                return false;
            }
        }
        return true;
    }

    private static boolean excludes(Predicate predicate, Map<String, String> constants) {
        Expression[] c = predicate.children();
        boolean equality = predicate.name().equals("=") || predicate.name().equals("<=>");
        if (!(equality || predicate.name().equals("IN")) || c.length < 2) {
            return false;
        }
        int column = c[0] instanceof NamedReference ? 0 : equality && c[1] instanceof NamedReference ? 1 : -1;
        if (column < 0 || ((NamedReference) c[column]).fieldNames().length != 1) {
            return false;
        }
        String value = constants.get(((NamedReference) c[column]).fieldNames()[0]);
        if (value == null) {
            return false;
        }
        for (int i = 0; i < c.length; i++) {
            if (i == column) {
                continue;
            }
            if (!(c[i] instanceof Literal<?> literal) || !(literal.value() == null || literal.value() instanceof UTF8String)) {
                return false;
            }
            if (literal.value() != null && literal.value().toString().equals(value)) {
                return false;
            }
        }
        return true;
    }
}
