package framebudgets.flightsql;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.Literal;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Translates Spark V2 predicates to SQL only when the server's result is certain to be the one
 * Spark would compute: comparisons, IN, IS [NOT] NULL, AND/OR/NOT, and LIKE-free prefix/suffix/
 * substring matches, on top-level columns against literals of the column's type. Floats, binary,
 * nested fields and expressions stay with Spark. Timestamps are pushed only when the column's
 * Arrow unit is known (from schema discovery) and the comparison is exact in that unit, see
 * {@link #timestamp}. In {@code epoch_nanos} mode a {@code bigint} column of a user schema may be a
 * server timestamp, which does not compare with a number, so its comparisons stay with Spark too.
 * Literals are rendered, never pasted: strings quoted with doubled quotes,
 * timestamps as ISO strings the server coerces to the column's own type.
 */
final class PredicateTranslator {
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", "<=", ">", ">=", "<=>");
    private static final Map<String, String> FLIPPED = Map.of(
            "=", "=", "<>", "<>", "<", ">", "<=", ">=", ">", "<", ">=", "<=", "<=>", "<=>");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");

    private final StructType schema;
    private final TimestampMode mode;

    PredicateTranslator(StructType schema, TimestampMode mode) {
        this.schema = schema;
        this.mode = mode;
    }

    /** The SQL of {@code predicate}, or empty when it cannot be pushed exactly. */
    Optional<String> translate(Predicate predicate) {
        return Optional.ofNullable(sql(predicate));
    }

    private String sql(Predicate p) {
        Expression[] c = p.children();
        String name = p.name();
        if (COMPARISONS.contains(name)) {
            if (c[0] instanceof NamedReference && c[1] instanceof Literal<?> literal) {
                return comparison(name, (NamedReference) c[0], literal);
            }
            if (c[1] instanceof NamedReference && c[0] instanceof Literal<?> literal) {
                return comparison(FLIPPED.get(name), (NamedReference) c[1], literal);
            }
            return null;
        }
        switch (name) {
            case "IS_NULL":
            case "IS_NOT_NULL": {
                StructField column = column(c[0]);
                return column == null ? null
                        : SqlText.identifier(column.name()) + (name.equals("IS_NULL") ? " IS NULL" : " IS NOT NULL");
            }
            case "IN": {
                StructField column = column(c[0]);
                if (column == null || c.length < 2) {
                    return null;
                }
                List<String> values = new ArrayList<>();
                for (int i = 1; i < c.length; i++) {
                    String value = c[i] instanceof Literal<?> literal ? value(column, "=", literal) : null;
                    if (value == null) {
                        return null;
                    }
                    values.add(value);
                }
                return SqlText.identifier(column.name()) + " IN (" + String.join(", ", values) + ")";
            }
            case "AND":
            case "OR": {
                String left = sql((Predicate) c[0]);
                String right = sql((Predicate) c[1]);
                return left == null || right == null ? null : "(" + left + ") " + name + " (" + right + ")";
            }
            case "NOT": {
                String inner = sql((Predicate) c[0]);
                return inner == null ? null : "NOT (" + inner + ")";
            }
            case "STARTS_WITH":
            case "ENDS_WITH":
            case "CONTAINS":
                return like(name, c);
            default:
                return null;
        }
    }

    private String comparison(String op, NamedReference reference, Literal<?> literal) {
        StructField column = column(reference);
        if (column == null) {
            return null;
        }
        String value = value(column, op, literal);
        if (value == null) {
            return null;
        }
        String sqlOp = op.equals("<=>") ? "IS NOT DISTINCT FROM" : op;
        return SqlText.identifier(column.name()) + " " + sqlOp + " " + value;
    }

    /** A LIKE pattern, only for literals free of LIKE's special characters (so no ESCAPE dialect issues). */
    private String like(String name, Expression[] c) {
        StructField column = column(c[0]);
        if (column == null || !(column.dataType() instanceof StringType) || !(c[1] instanceof Literal<?> literal)
                || !(literal.value() instanceof UTF8String text)) {
            return null;
        }
        String s = text.toString();
        if (s.indexOf('%') >= 0 || s.indexOf('_') >= 0 || s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0) {
            return null;
        }
        String pattern = switch (name) {
            case "STARTS_WITH" -> s + "%";
            case "ENDS_WITH" -> "%" + s;
            default -> "%" + s + "%";
        };
        return SqlText.identifier(column.name()) + " LIKE " + SqlText.string(pattern);
    }

    private StructField column(Expression expression) {
        if (!(expression instanceof NamedReference reference) || reference.fieldNames().length != 1) {
            return null;
        }
        String name = reference.fieldNames()[0];
        for (StructField field : schema.fields()) {
            if (field.name().equals(name)) {
                return field;
            }
        }
        return null;
    }

    /** The SQL literal of {@code literal} compared to {@code column} with {@code op}, or null if not exact. */
    private String value(StructField column, String op, Literal<?> literal) {
        Object v = literal.value();
        DataType type = column.dataType();
        if (v == null) {
            return null;
        }
        if (ArrowTimestamps.unitNanos(column) != null) {
            return timestamp(column, op, literal);
        }
        if (!literal.dataType().sameType(type) && !(type instanceof DecimalType && literal.dataType() instanceof DecimalType)) {
            return null;
        }
        if (mode == TimestampMode.EPOCH_NANOS && type instanceof LongType && !ArrowTimestamps.discovered(column)) {
            return null;
        }
        if (type instanceof StringType) {
            String s = v.toString();
            return s.indexOf('\0') >= 0 ? null : SqlText.string(s);
        }
        if (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType) {
            return v.toString();
        }
        if (type instanceof DecimalType) {
            return ((Decimal) v).toJavaBigDecimal().toPlainString();
        }
        if (type instanceof BooleanType) {
            return ((Boolean) v) ? "TRUE" : "FALSE";
        }
        if (type instanceof DateType) {
            LocalDate date = LocalDate.ofEpochDay((Integer) v);
            return date.getYear() < 1 || date.getYear() > 9999 ? null : "DATE '" + date + "'";
        }
        return null;
    }

    /**
     * A timestamp literal as a string the server casts to the column's type. Exact when the
     * column's Arrow unit is at least as coarse as Spark's (then Spark holds the exact value) and
     * the literal is a whole number of column units; for columns finer than Spark's microseconds,
     * Spark compares floored values, which only {@code >=} and {@code <} preserve.
     */
    private String timestamp(StructField column, String op, Literal<?> literal) {
        DataType expected = column.dataType();
        if (!literal.dataType().sameType(expected)) {
            return null;
        }
        long columnUnit = ArrowTimestamps.unitNanos(column);
        long sparkUnit = mode == TimestampMode.EPOCH_NANOS ? 1 : 1_000;
        long nanos;
        try {
            nanos = Math.multiplyExact((Long) literal.value(), sparkUnit);
        } catch (ArithmeticException e) {
            return null;
        }
        if (columnUnit < sparkUnit ? !(op.equals(">=") || op.equals("<")) : nanos % columnUnit != 0) {
            return null;
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC);
        if (utc.getYear() < 1 || utc.getYear() > 9999) {
            return null;
        }
        boolean zoned = expected instanceof TimestampType || ArrowTimestamps.zoned(column);
        if (expected instanceof TimestampNTZType) {
            zoned = false;
        }
        return SqlText.string(TIMESTAMP.format(utc) + (zoned ? "Z" : ""));
    }
}
