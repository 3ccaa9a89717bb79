package framebudgets.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code scripts/test} installs on a fresh machine, without removing anything from this shared
 * one: {@code scripts/test --check-setup} runs with a PATH that has only the commands given here
 * (stubs; {@code apt-get} records any call), so chromium, Jupyter and PostgreSQL look absent, and
 * says the apt-get command lines it would run.
 */
class ScriptsTestSetupTest {
    @TempDir
    Path bin;

    @Test
    void aFreshMachineGetsChromiumJupyterAndPostgresql() throws Exception {
        String out = checkSetup(List.of("java", "mvn"));
        assertAptLines(out, "chromium jupyter-nbconvert jupyter-client postgresql");
    }

    @Test
    void mavenToo() throws Exception {
        String out = checkSetup(List.of("java", "chromium"));
        assertAptLines(out, "maven jupyter-nbconvert jupyter-client postgresql");
    }

    @Test
    void nothingWhenAllIsThere() throws Exception {
        String out = checkSetup(List.of("java", "mvn", "chromium", "jupyter-nbconvert", "pg_ctlcluster"));
        assertTrue(out.contains("scripts/test: nothing to install"), out);
    }

    private void assertAptLines(String out, String packages) {
        if (new com.sun.security.auth.module.UnixSystem().getUid() == 0) {
            assertTrue(out.contains("would run: apt-get update -qq\n"), out);
            assertTrue(out.contains("would run: DEBIAN_FRONTEND=noninteractive apt-get install -y -qq " + packages + "\n"), out);
        } else {
            assertTrue(out.contains("sudo apt-get install -y " + packages + "\n"), out);
        }
    }

    /** scripts/test --check-setup with PATH = the stubs of {@code present} plus what bash needs to run the script. */
    private String checkSetup(List<String> present) throws Exception {
        for (String tool : List.of("bash", "dirname", "id", "cat")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        Path calls = bin.resolve("apt-get-called");
        for (String tool : present) {
            stub(tool, "exit 0");
        }
        stub("apt-get", "echo \"$@\" >> " + calls);
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("bash").toString(), Path.of("scripts/test").toAbsolutePath().toString(),
                "--check-setup").redirectErrorStream(true);
        pb.environment().put("PATH", bin.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "scripts/test --check-setup ends");
        assertFalse(Files.exists(calls), "apt-get was not run: " + out);
        assertFalse(out.contains("[INFO]"), "Maven was not run: " + out);
        assertEquals(p.exitValue() == 0, out.contains("would run:") || out.contains("nothing to install"), out);
        return out;
    }

    private void stub(String name, String body) throws Exception {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!" + bin.resolve("bash") + "\n" + body + "\n");
        assertTrue(file.toFile().setExecutable(true));
    }
}
