package framebudgets.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the cluster IT started, its output (stdout and stderr) in a log file. Closing it stops
 * the process and every process it started, by PID, even when the test failed; a shutdown hook
 * does the same if the test JVM is killed first.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code command} in {@code dir} with the test JVM's environment changed by {@code env} (a null value removes a variable). */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path dir, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        env.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        return new ChildProcess(name, builder.start(), log);
    }

    /** Waits for a line of output matching {@code pattern} and returns its first group. */
    public String awaitOutput(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = pattern.matcher(output());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue()
                        + " before printing /" + pattern + "/; its output:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print /" + pattern + "/ within " + timeout
                        + "; its output:\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    /** Waits for the process to end and returns its exit status; stops it and fails after {@code timeout}. */
    public int awaitExit(Duration timeout) throws IOException, InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop();
            throw new IllegalStateException(name + " did not finish within " + timeout + "; its output:\n" + tail());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The running process, to find the processes it started (a Worker's executors). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** SIGKILL, as an operator's {@code kill -9} or the OOM killer: no shutdown hook runs. Waits for the process to end. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    public String tail() throws IOException {
        String out = output();
        return out.length() <= 6000 ? out : "..." + out.substring(out.length() - 6000);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    /** SIGTERM to the process and its descendants (Spark's daemons stop their executors on it), then SIGKILL to what is left. */
    private void stop() {
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(0, process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
            }
        }
    }
}
