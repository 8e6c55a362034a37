package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP server that speaks Azure OpenAI's chat-completions wire format, answers enrichment tasks deterministically,
 * and misbehaves on request: latency, HTTP errors, invalid answers, content filtering, quotas.
 *
 * <pre>{@code
 * try (LlmSimulator sim = LlmSimulator.start(SimulatorConfig.builder()
 *         .latency(LatencyModel.fixed(Duration.ofMillis(200)))
 *         .faults(FaultSettings.builder().rate(Fault.RATE_LIMIT, 0.1).build())
 *         .build())) {
 *     String endpoint = sim.endpoint();   // http://127.0.0.1:2xxxx — use as the azure-openai endpoint
 *     …
 *     sim.stats().status(429);
 * }
 * }</pre>
 *
 * <p>Requests run on virtual threads, so thousands of concurrent slow requests are fine. Routes:
 * {@code POST /openai/deployments/{deployment}/chat/completions?api-version=…} (any deployment name),
 * {@code POST /openai/v1/chat/completions} (deployment in {@code model}), and the control API under
 * {@code /simulator/} ({@link ControlHandler}).
 */
public final class LlmSimulator implements AutoCloseable {

    /** Ports picked when none is configured: below Linux's ephemeral range (32768+), clear of common services. */
    static final int PORT_RANGE_START = 20000;
    static final int PORT_RANGE_END = 32000;
    private static final int BIND_ATTEMPTS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(LlmSimulator.class);

    static {
        // Both are read once, when the JDK's HTTP server is first used in this JVM (an explicit -D wins):
        // - headers and body go out in separate writes; with Nagle's algorithm the body can wait ~40 ms for the
        //   client's delayed ACK;
        // - the server closes keep-alive connections beyond 200 idle ones right after answering, and a client that
        //   reuses one in that instant (openai-java does not retry on a stale connection) sees a spurious
        //   connection error — under load tests with thousands of connections, hundreds of them.
        setIfAbsent("sun.net.httpserver.nodelay", "true");
        setIfAbsent("sun.net.httpserver.maxIdleConnections", "100000");
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private final SimulatorConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final StatsRecorder stats = new StatsRecorder();
    private final FaultPicker faults;
    private final String endpoint;

    private LlmSimulator(SimulatorConfig config) {
        this.config = config;
        ObjectMapper mapper = new ObjectMapper();
        Random random = new Random(config.seed());
        this.faults = new FaultPicker(config.faults(), random);
        ChatCompletionsHandler chat = new ChatCompletionsHandler(config, mapper, faults, stats, random);
        ControlHandler control = new ControlHandler(this, mapper);
        AzureErrors errors = new AzureErrors(mapper);
        this.server = bind(config);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", exchange -> route(exchange, chat, control, errors, mapper));
        server.start();
        String host = config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host();
        this.endpoint = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.getAddress().getPort();
    }

    /**
     * Starts a simulator.
     *
     * @throws UncheckedIOException when no port could be bound
     */
    public static LlmSimulator start(SimulatorConfig config) {
        return new LlmSimulator(config);
    }

    /** Starts one with {@link SimulatorConfig#defaults()}. */
    public static LlmSimulator start() {
        return start(SimulatorConfig.defaults());
    }

    private void route(HttpExchange exchange, ChatCompletionsHandler chat, ControlHandler control, AzureErrors errors,
                       ObjectMapper mapper) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (ChatCompletionsHandler.matches(path)) {
                chat.handle(exchange);
            } else if (path.startsWith(ControlHandler.PREFIX)) {
                control.handle(exchange);
            } else {
                exchange.getRequestBody().readAllBytes();
                stats.record(404, "unknown", "unknown", null, null, null, 0, 0);
                Http.sendJson(exchange, 404, mapper.writeValueAsBytes(errors.notFound()));
            }
        } catch (IOException clientGone) {
            // The client timed out or disconnected; there is nobody to answer.
            LOG.debug("simulator: could not answer {}: {}", exchange.getRequestURI(), clientGone.toString());
        } catch (RuntimeException bug) {
            LOG.error("simulator: failed on {}", exchange.getRequestURI(), bug);
        }
    }

    private static HttpServer bind(SimulatorConfig config) {
        if (config.port() != 0) {
            try {
                return HttpServer.create(new InetSocketAddress(config.host(), config.port()), 1024);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind the LLM simulator to " + config.host() + ":"
                        + config.port(), e);
            }
        }
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(PORT_RANGE_START, PORT_RANGE_END);
            try {
                return HttpServer.create(new InetSocketAddress(config.host(), port), 1024);
            } catch (BindException taken) {
                last = taken;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the LLM simulator on " + config.host(), e);
            }
        }
        throw new UncheckedIOException("no free port for the LLM simulator in " + PORT_RANGE_START + "–"
                + PORT_RANGE_END + " after " + BIND_ATTEMPTS + " tries", last);
    }

    /** Base URL, e.g. {@code http://127.0.0.1:23456}: the {@code endpoint} of an {@code azure-openai} provider. */
    public String endpoint() {
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The key clients must send. */
    public String apiKey() {
        return config.apiKey();
    }

    public SimulatorConfig config() {
        return config;
    }

    /** A snapshot of the counters. */
    public SimulatorStats stats() {
        return stats.snapshot();
    }

    /** Zeroes the counters. */
    public void resetStats() {
        stats.reset();
    }

    /** The fault settings in force. */
    public FaultSettings faults() {
        return faults.settings();
    }

    /** Changes fault injection for requests arriving from now on (outage tests: switch errors on, then off). */
    public void setFaults(FaultSettings settings) {
        faults.update(java.util.Objects.requireNonNull(settings, "settings"));
    }

    /** Stops at once; requests still sleeping are abandoned (their clients see a closed connection). */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LlmSimulator[" + endpoint + "]";
    }
}
