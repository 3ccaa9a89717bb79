package framebudgets.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import framebudgets.testing.SharedSpark;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTablesTest {
    @TempDir
    Path dir;

    @Test
    void registersAPathTableOnceAndReadsIt() {
        SparkSession spark = SharedSpark.get();
        String location = dir.resolve("it's here").toString();
        spark.range(5).write().format("delta").save(location);
        CatalogTables catalog = new CatalogTables(spark, "frame_budgets_test");
        catalog.register("top_offenders", location);
        catalog.register("top_offenders", location);
        assertEquals(5L, spark.sql("SELECT count(*) FROM frame_budgets_test.top_offenders").head().getLong(0));
        spark.sql("DROP TABLE frame_budgets_test.top_offenders");
    }
}
