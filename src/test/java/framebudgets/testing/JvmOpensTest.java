package framebudgets.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code --add-opens} list lives in one file, {@code scripts/jvm-opens}: this test JVM got exactly
 * its flags (surefire's argLine reads it as a Java argument file), and the pom spells none of them.
 */
class JvmOpensTest {
    @Test
    void theTestJvmRunsWithTheFlagsOfTheOneFile() throws Exception {
        List<String> flags = Files.readAllLines(Path.of("scripts/jvm-opens")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(flags.size() > 10 && flags.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), flags.toString());
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        int at = jvm.indexOf(flags.get(0));
        assertTrue(at >= 0, "the first flag of scripts/jvm-opens is among the JVM's: " + jvm);
        assertEquals(flags, jvm.subList(at, Math.min(jvm.size(), at + flags.size())), "in the file's order: " + jvm);
    }

    @Test
    void thePomReadsTheFileAndSpellsNoFlag() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<jvm.opens>@\"${project.basedir}/scripts/jvm-opens\"</jvm.opens>"), "pom.xml reads scripts/jvm-opens");
        assertFalse(pom.contains("--add-opens="), "pom.xml spells no --add-opens flag of its own");
        assertFalse(pom.contains("--add-modules="), "pom.xml spells no --add-modules flag of its own");
    }
}
