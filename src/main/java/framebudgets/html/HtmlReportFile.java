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

    /**
     * The report file as it is before a run overwrites it, so that a run whose tables are put back
     * puts the page back too (or removes a page it created).
     */
    public static Previous previous(SparkSession spark, String location) {
        Path path = new Path(location);
        try {
            FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(path)) {
                return new Previous(fs, path, null);
            }
            try (java.io.InputStream in = fs.open(path)) {
                return new Previous(fs, path, in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HTML report at " + location + ": " + e.getMessage(), e);
        }
    }

    /** A report file's content before a run (null: there was none). */
    public record Previous(FileSystem fs, Path path, byte[] content) {
        /** Writes the previous content back, or deletes the file when there was none. */
        public void putBack() {
            try {
                if (content == null) {
                    fs.delete(path, false);
                } else {
                    try (OutputStream out = fs.create(path, true)) {
                        out.write(content);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot put back the HTML report at " + path + ": " + e.getMessage(), e);
            }
        }
    }
}
