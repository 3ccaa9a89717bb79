package framebudgets.bench;

import java.sql.Types;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import scala.Option;

/**
 * Lets Spark's JDBC source read through the Arrow Flight SQL JDBC driver at all, for the
 * benchmark's JDBC baseline: Spark rejects the driver's {@code TIMESTAMP_WITH_TIMEZONE} columns,
 * would read its Arrow utf8 columns (reported with size 0) as {@code varchar(0)}, and reads its
 * Int64 columns (reported unsigned) as {@code decimal(20,0)}. All become what the {@code flightsql}
 * source gives, {@code timestamp}, {@code string} and {@code bigint}, so the baseline is not slowed
 * down by decimals.
 */
final class FlightSqlJdbcDialect extends JdbcDialect {

    static final String URL_PREFIX = "jdbc:arrow-flight-sql:";

    @Override
    public boolean canHandle(String url) {
        return url.startsWith(URL_PREFIX);
    }

    @Override
    public Option<DataType> getCatalystType(int sqlType, String typeName, int size, MetadataBuilder md) {
        return switch (sqlType) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> Option.apply(DataTypes.TimestampType);
            case Types.VARCHAR, Types.LONGVARCHAR, Types.CHAR -> Option.apply(DataTypes.StringType);
            case Types.BIGINT -> Option.apply(DataTypes.LongType);
            default -> Option.empty();
        };
    }
}
