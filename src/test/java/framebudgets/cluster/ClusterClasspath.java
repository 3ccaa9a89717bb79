package framebudgets.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The classpath of a Spark cluster with Delta installed (src/it/spark-cluster/pom.xml resolved with
 * the project's Spark, Delta and Scala versions): what the IT's daemons and driver run on, and what
 * the cluster jar must complete without duplicating it.
 */
final class ClusterClasspath {
    private ClusterClasspath() {}

    static String resolve(Path projectDir, Path workDir) throws IOException, InterruptedException {
        Path out = workDir.resolve("cluster-classpath.txt");
        List<String> command = List.of(maven(), "-B", "-q",
                "-f", projectDir.resolve("src/it/spark-cluster/pom.xml").toString(),
                "dependency:build-classpath",
                "-Dspark.version=" + property("spark.version"),
                "-Ddelta.version=" + property("delta.version"),
                "-Dscala.binary.version=" + property("scala.binary.version"),
                "-Dmdep.outputFile=" + out);
        try (ChildProcess mvn = ChildProcess.start("mvn (cluster classpath)", command, Map.of(), projectDir,
                workDir.resolve("cluster-classpath.log"))) {
            int status = mvn.awaitExit(Duration.ofMinutes(3));
            if (status != 0) {
                throw new IllegalStateException("resolving the cluster classpath failed:\n" + mvn.tail());
            }
        }
        return Files.readString(out).strip();
    }

    static String maven() {
        String home = System.getProperty("framebudgets.maven.home", "");
        Path mvn = Path.of(home, "bin", "mvn");
        return !home.isEmpty() && Files.isExecutable(mvn) ? mvn.toString() : "mvn";
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (the failsafe configuration in pom.xml sets it)");
        }
        return value;
    }
}
