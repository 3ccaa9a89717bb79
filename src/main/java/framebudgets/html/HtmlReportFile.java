package framebudgets.html;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the HTML report beside the Delta tables, through Hadoop's file systems so that it lands
 * wherever {@code output.root} points (a local folder, s3a://, abfss://, ...). A rerun overwrites it.
 */
public final class HtmlReportFile {
    private HtmlReportFile() {}

    public static void write(SparkSession spark, String location, String html) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(path, true)) {
                out.write(html.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report to " + location + ": " + e.getMessage(), e);
        }
    }
}
