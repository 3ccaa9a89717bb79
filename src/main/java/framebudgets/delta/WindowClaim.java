package framebudgets.delta;

import framebudgets.config.ReportWindow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run's claim on one report window while it writes the window's tables: a small file
 * {@code <output.root>/_running/<window>.claim}, created only if absent (Hadoop's
 * {@code create(overwrite = false)}), deleted when the run's writes are over. A second run of the
 * same window finds the file and stops before committing anything, so two runs of one window never
 * interleave their table commits. A claim left by a run that died is taken over: at once when its
 * driver was a process of this machine that no longer exists, otherwise after {@link #LEASE}.
 * Like Delta's own commits, the create is atomic on local disks, HDFS and ADLS; on S3 it is not
 * (as Delta needs its DynamoDB log store there for writers on several machines).
 */
public final class WindowClaim implements AutoCloseable {
    /** A claim older than this is stale whatever its owner: no run writes one window for so long. */
    public static final Duration LEASE = Duration.ofHours(6);
    public static final String FOLDER = "_running";
    /** How long a claim file may be incomplete (its run is writing it) before it counts as left by a dead run. */
    private static final Duration INCOMPLETE_GRACE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(WindowClaim.class);

    private final FileSystem fs;
    private final Path file;

    private WindowClaim(FileSystem fs, Path file) {
        this.fs = fs;
        this.file = file;
    }

    /** The claim file of {@code window} under {@code root}. */
    public static String location(String root, ReportWindow window) {
        String name = window.reportDate() + "_" + compact(window.from()) + "_" + compact(window.to()) + ".claim";
        return (root.endsWith("/") ? root : root + "/") + FOLDER + "/" + name;
    }

    /**
     * Claims {@code window} for {@code runId}, or throws {@link ConcurrentRunException} naming the
     * run that holds it.
     */
    public static WindowClaim acquire(SparkSession spark, String root, ReportWindow window, String runId) {
        Path file = new Path(location(root, window));
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (int attempt = 1; ; attempt++) {
                if (tryCreate(fs, file, runId)) {
                    return new WindowClaim(fs, file);
                }
                Optional<Properties> holder = read(fs, file);
                if (holder.isEmpty()) {
                    continue; // released between our create and our read
                }
                String stale = staleness(holder.get(), fs.getFileStatus(file).getModificationTime());
                if (stale == null || attempt >= 3) {
                    throw new ConcurrentRunException("another run (" + holder.get().getProperty("run_id") + ", process "
                            + holder.get().getProperty("pid") + " on " + holder.get().getProperty("host") + ", since "
                            + holder.get().getProperty("claimed_at") + ") is writing window [" + window.from() + ", "
                            + window.to() + "): this run wrote nothing and the tables keep their rows; rerun the window "
                            + "when that run has ended (if it is dead, delete " + file + ")", null);
                }
                LOG.warn("run {}: taking over the claim of run {} on window [{}, {}): {}", runId,
                        holder.get().getProperty("run_id"), window.from(), window.to(), stale);
                fs.delete(file, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim window [" + window.from() + ", " + window.to() + ") at " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** Releases the claim (deletes its file). */
    @Override
    public void close() {
        try {
            fs.delete(file, false);
        } catch (IOException e) {
            LOG.warn("could not delete the claim {}: {} (the next run of the window takes it over)", file, e.getMessage());
        }
    }

    private static boolean tryCreate(FileSystem fs, Path file, String runId) throws IOException {
        Properties p = new Properties();
        ProcessHandle self = ProcessHandle.current();
        p.setProperty("run_id", runId);
        p.setProperty("host", host());
        p.setProperty("pid", Long.toString(self.pid()));
        p.setProperty("process_start", self.info().startInstant().map(Instant::toString).orElse(""));
        p.setProperty("claimed_at", Instant.now().toString());
        try (OutputStream out = fs.create(file, false)) {
            p.store(out, "frame-budgets: a run is writing this window");
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            if (fs.exists(file)) {
                return false; // some file systems report the existing file with a plain IOException
            }
            throw e;
        }
    }

    private static Optional<Properties> read(FileSystem fs, Path file) throws IOException {
        try (InputStream in = fs.open(file)) {
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
            return Optional.of(p);
        } catch (java.io.FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Why the claim is stale, or null when its run may still be writing. */
    static String staleness(Properties claim, long modifiedMillis) {
        Instant claimedAt;
        try {
            claimedAt = Instant.parse(claim.getProperty("claimed_at", ""));
        } catch (RuntimeException e) {
            // Being written by its run this very moment, or left half-written by a run that died.
            return Instant.ofEpochMilli(modifiedMillis).plus(INCOMPLETE_GRACE).isBefore(Instant.now())
                    ? "its file is not a complete claim and is " + INCOMPLETE_GRACE.toSeconds() + " s old" : null;
        }
        if (claimedAt.plus(LEASE).isBefore(Instant.now())) {
            return "claimed at " + claimedAt + ", more than " + LEASE.toHours() + " h ago";
        }
        if (!host().equals(claim.getProperty("host"))) {
            return null;
        }
        long pid;
        try {
            pid = Long.parseLong(claim.getProperty("pid", ""));
        } catch (NumberFormatException e) {
            return "its file names no process";
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return "its driver (process " + pid + " on this machine) no longer exists";
        }
        String started = owner.get().info().startInstant().map(Instant::toString).orElse("");
        if (!started.equals(claim.getProperty("process_start", ""))) {
            return "process " + pid + " on this machine is another process now";
        }
        return null;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static String compact(Instant t) {
        return t.toString().replace(":", "").replace("-", "");
    }
}
