package framebudgets.job;

import framebudgets.FrameBudgetJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the job's command line in this JVM (no System.exit) with stdout and stderr captured. */
final class JobRuns {
    private JobRuns() {}

    static synchronized Outcome run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            status = new CommandLine(new FrameBudgetJob()).execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Outcome(status, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    }
}
