package framebudgets.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import framebudgets.SubmitShOptions;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * submit.sh's own argument handling, run as a user runs it: unknown options are named as unknown,
 * spark-submit's flags take no value, {@code --option=value} is {@code --option value}, and two
 * config files are refused; each exits 2 with a pointer to --help and creates nothing. Its option
 * lists come from one source each (the job's picocli command, Spark's launcher) through the generated
 * {@code scripts/submit-options}, which must be current; every option in it is tried for its arity.
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

    @Test
    void theOptionListsAreTheJobsAndSparksOwn() throws Exception {
        assertEquals(SubmitShOptions.lines(), Files.readAllLines(Path.of("scripts/submit-options")),
                "scripts/submit-options is stale: run scripts/submit-options-regenerate");
        Map<String, List<String>> lists = optionLists();
        Set<String> job = new HashSet<>(lists.get("job-valued"));
        job.addAll(lists.get("job-flag"));
        Set<String> spark = new HashSet<>(lists.get("spark-valued"));
        spark.addAll(lists.get("spark-flag"));
        Set<String> both = new HashSet<>(job);
        both.retainAll(spark);
        assertEquals(Set.of("--conf"), both, "only --conf is both (a file for the job, KEY=VALUE for Spark)");
        assertTrue(lists.get("spark-valued").containsAll(List.of("--conf", "-c", "--master", "--files", "--driver-memory")),
                "the spark-submit options submit.sh handles itself are spark-submit's: " + lists);
        String usage = run(List.of("--help")).output();
        for (String option : job) {
            assertTrue(Pattern.compile("\\s" + Pattern.quote(option) + "\\s").matcher(usage).find(), "submit.sh --help documents " + option + ": " + usage);
        }
    }

    /** Every option of the lists, as submit.sh parses it: a flag leaves the next word alone, a valued option needs one. */
    @Test
    void everyOptionHasItsArity() throws Exception {
        Map<String, List<String>> lists = optionLists();
        for (String kind : List.of("job-flag", "spark-flag")) {
            for (String flag : lists.get(kind)) {
                if (flag.equals("--help") || flag.equals("-h")) {
                    continue;
                }
                Result r = run(List.of(flag, "--frobnicate"));
                assertEquals(2, r.exit(), flag + ": " + r.output());
                assertTrue(r.output().contains("unknown option '--frobnicate'"), flag + " takes no value: " + r.output());
            }
        }
        for (String kind : List.of("job-valued", "spark-valued")) {
            for (String option : lists.get(kind)) {
                Result r = run(List.of(option));
                assertEquals(2, r.exit(), option + ": " + r.output());
                assertTrue(r.output().contains(option + " needs a value"), option + " needs a value: " + r.output());
            }
        }
    }

    private static Map<String, List<String>> optionLists() throws Exception {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("scripts/submit-options"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] words = line.trim().split("\\s+");
                lists.put(words[0], List.of(Arrays.copyOfRange(words, 1, words.length)));
            }
        }
        assertEquals(List.of("job-valued", "job-flag", "spark-valued", "spark-flag"), List.copyOf(lists.keySet()));
        return lists;
    }

    private record Result(int exit, String output) {
    }

    private Result run(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of("submit.sh").toAbsolutePath().toString()));
        command.addAll(args);
        Path out = cwd.resolve("run.txt");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "submit.sh ends");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(p.exitValue(), text);
    }
}
