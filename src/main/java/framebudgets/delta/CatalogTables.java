package framebudgets.delta;

import org.apache.spark.sql.SparkSession;

/**
 * Registers the path-based report tables in the Spark catalog ({@code framebudgets.output.catalog-database}),
 * so notebooks and BI can say {@code SELECT * FROM frame_budgets.top_offenders}. The data stays where
 * it is; registering again is a no-op.
 */
public final class CatalogTables {
    private final SparkSession spark;
    private final String database;

    public CatalogTables(SparkSession spark, String database) {
        this.spark = spark;
        this.database = database;
    }

    /** {@code CREATE TABLE IF NOT EXISTS database.table USING DELTA LOCATION 'location'}. */
    public void register(String table, String location) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + identifier(database));
        spark.sql("CREATE TABLE IF NOT EXISTS " + identifier(database) + "." + identifier(table)
                + " USING DELTA LOCATION '" + location.replace("\\", "\\\\").replace("'", "\\'") + "'");
    }

    private static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
