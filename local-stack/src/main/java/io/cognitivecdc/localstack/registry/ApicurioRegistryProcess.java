package io.cognitivecdc.localstack.registry;

import io.cognitivecdc.localstack.FreePorts;
import io.cognitivecdc.localstack.ProcessMemory;
import io.cognitivecdc.localstack.StackComponentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry, the schema registry of the local stack, run from its Maven Central distribution as a child JVM.
 *
 * <p>It is a child process rather than in-process because the registry is a Quarkus application with its own
 * class path. Its storage is in memory: schema ids restart at 1 with every start, which is fine for a stack whose
 * Kafka log directory is thrown away with it.
 */
public final class ApicurioRegistryProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistryProcess.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path logFile;

    private ApicurioRegistryProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Starts the registry found in {@code home} (the unpacked {@code apicurio-registry-app} distribution) with the
     * Java running this process, which is 21 or newer as the registry needs.
     */
    public static ApicurioRegistryProcess start(Path home) {
        Path runner = home.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(runner)) {
            throw new StackComponentException("Schema registry", "no Apicurio Registry distribution at " + home
                    + " (build the project first: ./cognitive-cdc build)");
        }
        return FreePorts.startWithFreshPorts("Schema registry",
                () -> startOnce(home, runner, FreePorts.pick(), FreePorts.pick()));
    }

    private static ApicurioRegistryProcess startOnce(Path home, Path runner, int port, int managementPort) {
        Path logFile;
        Process process;
        try {
            logFile = Files.createTempFile("cognitive-cdc-registry-", ".log");
            List<String> command = new ArrayList<>(List.of(javaExecutable(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.host=127.0.0.1",
                    "-Dquarkus.management.port=" + managementPort,
                    "-Dquarkus.log.level=WARN",
                    "-jar", runner.toString()));
            process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new StackComponentException("Schema registry", "cannot launch the registry JVM", e);
        }
        ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, port, logFile);
        registry.awaitReady();
        return registry;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(v3Url() + "/system/info"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StackComponentException("Schema registry",
                        "exited with code " + process.exitValue() + " before it was ready; its log ends:\n" + logTail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new StackComponentException("Schema registry", "interrupted while starting", e);
            }
            sleep(200);
        }
        close();
        throw new StackComponentException("Schema registry",
                "not ready after " + START_TIMEOUT.toSeconds() + " s; its log ends:\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Base URL of the registry's own v3 API, used by the Streams serdes. */
    public String v3Url() {
        return "http://127.0.0.1:" + port + "/apis/registry/v3";
    }

    /** Base URL of the v2 API, used by the Apicurio 2.x Avro converter inside Kafka Connect. */
    public String v2Url() {
        return "http://127.0.0.1:" + port + "/apis/registry/v2";
    }

    /** Base URL of the Confluent-compatible API. */
    public String ccompatUrl() {
        return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
    }

    /** Resident memory of the registry process in MiB, or -1 where /proc cannot be read. */
    public long residentMemoryMib() {
        return ProcessMemory.residentMib(process.pid());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            log.debug("could not delete {}", logFile);
        }
    }
}
