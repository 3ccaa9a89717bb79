package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * submit.sh's own argument handling, run as a user runs it: unknown options are named as unknown,
 * spark-submit's flags take no value, {@code --option=value} is {@code --option value}, and two
 * config files are refused; each exits 2 with a pointer to --help and creates nothing.
 */
class SubmitShArgumentsTest {
    @TempDir
    Path cwd;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--frobnicate                          | unknown option '--frobnicate'",
        "--dry-run yes                         | unknown option '--dry-run'",
        "--verbose --date                      | --date needs a value",
        "--date --verbose                      | --date needs a value",
        "--conf a.conf --conf b.conf           | two config files (--conf a.conf and --conf b.conf)",
        "--verbose 2025-07-24                  | unexpected argument '2025-07-24'",
        "--master                              | --master needs a value",
        "--executor-memory                     | --executor-memory needs a value",
        "--conf=/nonexistent/x.conf --verbose  | config file '/nonexistent/x.conf' is not readable",
    })
    void badArgumentsExit2AndNameTheFault(String args, String says) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of("submit.sh").toAbsolutePath().toString()));
        command.addAll(List.of(args.trim().split("\\s+")));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(cwd.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "submit.sh ends");
        String out = Files.readString(cwd.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains(says) && out.contains("--help"), out);
        assertFalse(out.contains("SparkSubmit"), "nothing was submitted: " + out);
        try (var files = Files.list(cwd)) {
            assertEquals(List.of("out.txt"), files.map(f -> f.getFileName().toString()).toList(), "nothing created");
        }
        assertTrue(new File("submit.sh").canExecute());
    }
}
