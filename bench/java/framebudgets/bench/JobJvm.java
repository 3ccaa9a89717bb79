package framebudgets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the memory benchmark starts JVMs that run the job's classes (driver, executors, the cluster's
 * daemons): this JVM's {@code java} and classpath, the {@code --add-opens} list of
 * {@code scripts/jvm-opens}, UTC and the benchmark's logging, and a GC log in a file of their own.
 */
final class JobJvm {
    private JobJvm() {}

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The project's classes and every dependency (Spark and Delta included): what the benchmark runs on. */
    static String classpath() {
        return System.getProperty("java.class.path");
    }

    /** The options of the driver and executor JVMs: UTC, the benchmark's log4j2 configuration, the {@code --add-opens} list. */
    static List<String> options() throws IOException {
        List<String> options = new ArrayList<>(List.of("-Duser.timezone=UTC",
                "-Dlog4j2.configurationFile=" + Path.of("bench", "log4j2.properties").toAbsolutePath()));
        options.addAll(opens());
        return options;
    }

    /** The {@code --add-opens} list Spark and Arrow need on Java 17 (the cluster's daemons keep Spark's own logging). */
    static List<String> opens() throws IOException {
        return Files.readAllLines(Path.of("scripts", "jvm-opens")).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** Unified JVM logging of every GC (and its phases and heap) into {@code file}, read back by {@link GcLog}. */
    static String gcLog(Path file) {
        return "-Xlog:gc*:file=" + file.toAbsolutePath();
    }
}
