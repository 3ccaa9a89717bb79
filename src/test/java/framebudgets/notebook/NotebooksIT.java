package framebudgets.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the notebooks headless through notebooks/run (Jupyter nbconvert with the Java kernel), as a
 * reader would, and checks what they saved: every code cell ran, none failed, charts are PNGs, no
 * output shows the working directory's path (outputs are committed), and the nightly explorer's
 * demo reports show a regression against their baseline. Also checks that a failing cell fails the
 * run and is not retried, and that the kernel answers at its first start (its race is patched).
 */
class NotebooksIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path EXECUTED = ROOT.resolve("target/notebooks/executed");
    private static final Path LOGS = ROOT.resolve("target/notebooks/logs");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyNotebookRunsAndSavesItsOutputsAndCharts() throws Exception {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(ROOT.resolve("notebooks"))) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertEquals(3, notebooks.size(), "notebooks: " + notebooks);

        deleteRecursively(ROOT.resolve("target/notebooks/demo-output"));
        Run run = run(List.of());
        assertEquals(0, run.exit, "notebooks/run failed:\n" + run.output);

        for (Path source : notebooks) {
            JsonNode executed = JSON.readTree(EXECUTED.resolve(source.getFileName()).toFile());
            StringBuilder texts = new StringBuilder();
            int images = 0;
            for (JsonNode cell : executed.get("cells")) {
                if (!cell.get("cell_type").asText().equals("code")) {
                    continue;
                }
                assertTrue(cell.get("execution_count").isInt(), source.getFileName() + ": a code cell did not run");
                for (JsonNode output : cell.get("outputs")) {
                    assertNotEquals("error", output.get("output_type").asText(), source.getFileName() + ": " + output);
                    texts.append(output.toString());
                    JsonNode png = output.path("data").path("image/png");
                    if (!png.isMissingNode()) {
                        byte[] bytes = java.util.Base64.getMimeDecoder().decode(png.isArray() ? join(png) : png.asText());
                        assertTrue(bytes.length > 1000 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G',
                                source.getFileName() + ": an image output is not a PNG chart");
                        images++;
                    }
                }
            }
            assertTrue(images >= 2, source.getFileName() + ": expected at least 2 charts, got " + images);
            assertFalse(texts.toString().contains(ROOT.toString()),
                    source.getFileName() + ": an output shows the local path " + ROOT + "; print paths relative, or not at all");
            if (source.getFileName().toString().startsWith("1-")) {
                assertTrue(texts.toString().contains(DemoReports.NEW_BUILD) && texts.toString().contains("REGRESSION"),
                        source.getFileName() + ": the trend shows the new build's regression against the baseline");
            }
        }
    }

    @Test
    void aFailingCellFailsTheRunAtOnce() throws Exception {
        Files.createDirectories(LOGS);
        try (Stream<Path> old = Files.list(LOGS)) {
            for (Path log : old.filter(p -> p.getFileName().toString().startsWith("failing-cell.")).toList()) {
                Files.delete(log);
            }
        }
        Run run = run(List.of(ROOT.resolve("src/test/resources/notebooks/failing-cell.ipynb").toString()));
        assertEquals(1, run.exit, run.output);
        assertTrue(run.output.contains("this cell fails on purpose"), run.output);
        assertTrue(run.output.contains("failing-cell.ipynb: FAILED"), run.output);
        // Not retried: a failing cell is not a kernel that did not start. And the kernel answered at its
        // first start: without notebooks/kernel-patch (its start-up race) one start in two hung here.
        assertFalse(run.output.contains("did not start"), run.output);
        try (Stream<Path> logs = Files.list(LOGS)) {
            List<Path> retried = logs.filter(p -> p.getFileName().toString().startsWith("failing-cell.start-failure-")).toList();
            assertTrue(retried.isEmpty(), "the notebook was started again: " + retried);
        }
    }

    private record Run(int exit, String output) {}

    /** notebooks/run with the classes and classpath mvn verify has just built (no nested Maven build). */
    private static Run run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("notebooks/run").toString()));
        command.addAll(args);
        Path log = Files.createTempFile("notebooks-run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("FB_PREBUILT", "1");
        env.put("FB_REPORTS", ROOT.resolve("target/notebooks/demo-output").toString());
        Process process = builder.start();
        if (!process.waitFor(25, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("notebooks/run did not finish in 25 minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.delete(log);
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String join(JsonNode lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line.asText()));
        return text.toString();
    }
}
