package framebudgets.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.VersionInfo;

/**
 * Whether {@code framebudgets.output.root} can hold tables, checked before Spark starts and without
 * contacting any server. A local folder (a path or a {@code file:} URI) must be a folder that can be
 * written to, or not exist yet under one that can (nothing is created here). A URI of another file
 * system must have the form its Hadoop connector accepts ({@code s3a://bucket/path},
 * {@code abfss://container@account.dfs.core.windows.net/path}, {@code gs://bucket/path}), hold no
 * credentials, and have its Hadoop file system on the classpath; otherwise the message says which
 * package to add with {@code spark-submit --packages}. Whether the bucket exists and may be written
 * is found by the first write.
 */
final class OutputRoot {
    static final String KEY = "framebudgets.output.root";
    private static final Pattern SCHEMED = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)", Pattern.DOTALL);
    /** Amazon S3's bucket names (the rules for buckets created since 2018). */
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    /** Azure's container names, storage account names and ADLS Gen2 endpoints (dfs, any cloud). */
    private static final Pattern ABFS_AUTHORITY = Pattern.compile("([^@]*)@([^.]*)\\.dfs\\.([a-z0-9.-]+)");
    private static final Pattern AZURE_CONTAINER = Pattern.compile("(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern AZURE_ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    /** Google Cloud Storage's bucket names (222 characters with dots). */
    private static final Pattern GCS_BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]");
    /** The Maven package of the Hadoop file system of a scheme that Spark does not bring. */
    private static final Map<String, String> PACKAGES = Map.of(
            "s3a", "org.apache.hadoop:hadoop-aws:" + VersionInfo.getVersion(),
            "abfs", "org.apache.hadoop:hadoop-azure:" + VersionInfo.getVersion(),
            "abfss", "org.apache.hadoop:hadoop-azure:" + VersionInfo.getVersion(),
            "gs", "com.google.cloud.bigdataoss:gcs-connector:<version for Hadoop 3> (or its shaded jar with --jars)",
            "s3", "org.apache.hadoop:hadoop-aws:" + VersionInfo.getVersion() + " and write s3a:// (Hadoop 3 has no s3://)",
            "s3n", "org.apache.hadoop:hadoop-aws:" + VersionInfo.getVersion() + " and write s3a:// (Hadoop 3 has no s3n://)");

    private OutputRoot() {}

    static void check(String root) {
        if (root.startsWith("file:")) {
            localFolder(fileUri(root));
            return;
        }
        Matcher m = SCHEMED.matcher(root);
        if (!m.matches()) {
            if (root.matches("[A-Za-z][A-Za-z0-9+.-]*:/.*") && !root.matches("[A-Za-z]:[/\\\\].*")) {
                throw new SettingsException(KEY + ": '" + root + "' is not a URI of the form scheme://authority/path (two slashes)");
            }
            try {
                localFolder(Path.of(root));
            } catch (InvalidPathException e) {
                throw new SettingsException(KEY + ": '" + root + "' is not a path: " + e.getReason());
            }
            return;
        }
        String scheme = m.group(1).toLowerCase(java.util.Locale.ROOT);
        String authority = m.group(2);
        if (authority.contains("@") && !scheme.startsWith("abfs")) {
            throw new SettingsException(KEY + ": the URI must not hold credentials (user or key before '@'): give them to "
                    + "the Hadoop connector instead (e.g. --conf spark.hadoop.fs." + scheme + ".* or the environment)");
        }
        try {
            new URI(scheme + "://x" + m.group(3));
        } catch (URISyntaxException e) {
            throw new SettingsException(KEY + ": the path of '" + root + "' is not valid in a URI: " + e.getReason());
        }
        switch (scheme) {
            case "s3a" -> s3Bucket(authority);
            case "abfs", "abfss" -> abfsAuthority(authority);
            case "gs" -> gcsBucket(authority);
            default -> {
                if (authority.isEmpty() && !scheme.equals("hdfs")) {
                    throw new SettingsException(KEY + ": '" + root + "' has no authority (the part after " + scheme + "://)");
                }
            }
        }
        fileSystemOnClasspath(scheme);
    }

    private static Path fileUri(String root) {
        try {
            URI uri = new URI(root);
            if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !"localhost".equals(uri.getAuthority())) {
                throw new SettingsException(KEY + ": '" + root + "' names a host (" + uri.getAuthority()
                        + "); a file: root is a local folder: file:/path or file:///path");
            }
            return Path.of(new URI("file", null, uri.getPath(), null));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new SettingsException(KEY + ": '" + root + "' is not a file: URI such as file:///data/frame-budgets ("
                    + e.getMessage() + ")");
        }
    }

    private static void s3Bucket(String bucket) {
        if (!S3_BUCKET.matcher(bucket).matches() || bucket.contains("..") || IP_ADDRESS.matcher(bucket).matches()) {
            throw new SettingsException(KEY + ": '" + bucket + "' is not an S3 bucket name (3-63 characters: lower-case "
                    + "letters, digits, dots and hyphens, beginning and ending with a letter or digit): s3a://bucket/path");
        }
    }

    private static void abfsAuthority(String authority) {
        Matcher m = ABFS_AUTHORITY.matcher(authority);
        if (!m.matches()) {
            throw new SettingsException(KEY + ": '" + authority + "' is not container@account.dfs.core.windows.net "
                    + "(an ADLS Gen2 root is abfss://container@account.dfs.core.windows.net/path)");
        }
        if (!AZURE_CONTAINER.matcher(m.group(1)).matches()) {
            throw new SettingsException(KEY + ": '" + m.group(1) + "' is not an Azure container name (3-63 characters: "
                    + "lower-case letters, digits and single hyphens, beginning and ending with a letter or digit)");
        }
        if (!AZURE_ACCOUNT.matcher(m.group(2)).matches()) {
            throw new SettingsException(KEY + ": '" + m.group(2) + "' is not an Azure storage account name "
                    + "(3-24 lower-case letters and digits)");
        }
    }

    private static void gcsBucket(String bucket) {
        if (!GCS_BUCKET.matcher(bucket).matches() || bucket.contains("..")
                || !bucket.contains(".") && bucket.length() > 63 || bucket.startsWith("goog")) {
            throw new SettingsException(KEY + ": '" + bucket + "' is not a Cloud Storage bucket name (3-63 characters: "
                    + "lower-case letters, digits, hyphens, underscores and dots, beginning and ending with a letter or digit): "
                    + "gs://bucket/path");
        }
    }

    /**
     * Hadoop's own lookup of the scheme's file system (its service files and {@code fs.<scheme>.impl},
     * including {@code spark.hadoop.fs.<scheme>.impl} from spark-submit), in the class loader that
     * spark-submit gave the driver the {@code --packages} and {@code --jars} in. Loads classes only.
     */
    private static void fileSystemOnClasspath(String scheme) {
        Configuration conf = new Configuration();
        String override = System.getProperty("spark.hadoop.fs." + scheme + ".impl");
        if (override != null) {
            conf.set("fs." + scheme + ".impl", override);
        }
        String hint = PACKAGES.containsKey(scheme) ? ": add --packages " + PACKAGES.get(scheme)
                : ": add the package of its Hadoop connector with --packages (or --jars)";
        try {
            FileSystem.getFileSystemClass(scheme, conf);
        } catch (RuntimeException | java.io.IOException | LinkageError e) {
            throw new SettingsException(KEY + ": no Hadoop file system for " + scheme + ":// on the classpath ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")" + hint);
        }
    }

    private static void localFolder(Path path) {
        path = path.toAbsolutePath().normalize();
        if (Files.exists(path)) {
            if (!Files.isDirectory(path)) {
                throw new SettingsException(KEY + ": " + path + " is a file, not a folder");
            }
            if (!Files.isWritable(path)) {
                throw new SettingsException(KEY + ": folder " + path + " is not writable");
            }
            return;
        }
        Path parent = path.getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new SettingsException(KEY + ": " + path + " cannot be created (" + parent + " is not a folder)");
        }
        if (!Files.isWritable(parent)) {
            throw new SettingsException(KEY + ": " + path + " cannot be created (folder " + parent + " is not writable)");
        }
    }
}
