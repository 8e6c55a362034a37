package io.cognitivecdc.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code cognitive-cdc run --config FILE} as a child JVM, the way an operator (or Kubernetes) runs it: same java
 * binary and class path as the test, its stdout and stderr together in a file, stopped with SIGTERM
 * ({@link #destroy()}) or killed with SIGKILL ({@link #destroyForcibly()}).
 *
 * <p>Every wait fails at once, with the child's output, when the child has exited; a wait that times out shows the
 * output too.
 */
final class TopologyProcess implements AutoCloseable {

    static final String MAIN_CLASS = "io.cognitivecdc.cli.CognitiveCdc";
    /** Small heap and serial GC, as the launcher uses; DJL never goes online. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-Dai.djl.offline=true",
            "--enable-native-access=ALL-UNNAMED");
    private static final Duration POLL = Duration.ofMillis(250);
    private static final AtomicInteger STARTED = new AtomicInteger();

    private final Process process;
    private final Path outputFile;
    /** Kills the child if the test JVM exits without closing it (a child would hold its group membership). */
    private final Thread reaper;

    private TopologyProcess(Process process, Path outputFile) {
        this.process = process;
        this.outputFile = outputFile;
        this.reaper = new Thread(process::destroyForcibly, "topology-process-reaper-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts {@code run --config config} with {@code environment} added to this JVM's environment. */
    static TopologyProcess start(Path config, Map<String, String> environment) {
        return start(config, environment, List.of());
    }

    /**
     * Starts {@code run --config config <extraArguments>} in the config file's folder; output goes to
     * {@code topology-<n>.log} next to the config file.
     */
    static TopologyProcess start(Path config, Map<String, String> environment, List<String> extraArguments) {
        Path folder = config.toAbsolutePath().getParent();
        Path outputFile = folder.resolve("topology-" + STARTED.incrementAndGet() + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_OPTIONS);
        command.add("-cp");
        command.add(classPath());
        command.add(MAIN_CLASS);
        command.add("run");
        command.add("--config");
        command.add(config.toAbsolutePath().toString());
        command.addAll(extraArguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(outputFile.toFile());
        builder.environment().put("RUST_FLAVOR", "cpu");
        builder.environment().putAll(environment);
        try {
            return new TopologyProcess(builder.start(), outputFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.get(0), e);
        }
    }

    /** The java binary running this test. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This test's class path (Surefire hands it over in a property when it runs from a manifest-only jar). */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path outputFile() {
        return outputFile;
    }

    /** Everything the child wrote so far (stdout and stderr interleaved). */
    String output() {
        try {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + outputFile + ": " + e + ")";
        }
    }

    /** Waits until the output contains {@code text}. */
    void awaitOutput(String text, Duration timeout) {
        await("output containing '" + text + "'", timeout, () -> output().contains(text));
    }

    /** Waits until the child logs that Kafka Streams is RUNNING. */
    void awaitRunning(Duration timeout) {
        awaitOutput("Running: application.id=", timeout);
    }

    /**
     * Polls {@code condition} until it holds. Fails as soon as the child has exited, and on timeout; both failures
     * show the child's output. An exception from the condition counts as "not yet" and is shown on timeout.
     */
    void await(String what, Duration timeout, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the topology process exited with code " + process.exitValue()
                        + " while waiting for " + what + "; its output:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " after " + timeout.toSeconds() + " s"
                        + (last == null ? "" : " (last check failed: " + last + ")")
                        + "; the topology process's output:\n" + output());
            }
            sleep(POLL);
        }
    }

    /** SIGTERM: the orderly stop. */
    void destroy() {
        process.destroy();
    }

    /** SIGINT, as Ctrl-C in a terminal sends it (through {@code kill -INT}; Java's Process API has no SIGINT). */
    void interrupt() {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -INT " + pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SIGKILL: a crash; nothing in the child runs any more. */
    void destroyForcibly() {
        process.destroyForcibly();
    }

    /** Waits for the child to exit and returns its exit code; fails with its output if it does not exit in time. */
    int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the topology process (pid " + pid() + ") did not exit within "
                        + timeout.toSeconds() + " s; its output:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the topology process", e);
        }
    }

    /** Prints the child's output to this JVM's stdout and kills the child if it is still running. */
    @Override
    public void close() {
        System.out.println("---- output of the topology process (pid " + pid() + ") ----\n" + output()
                + "---- end of output (pid " + pid() + ") ----");
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook kills it
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
