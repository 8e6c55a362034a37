package io.cognitivecdc.localstack.pipeline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cognitivecdc.llm.azure.AzureOpenAiChatModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy in front of the LLM simulator that records when each model call arrived and when, and how, it was
 * answered: the per-call timeline that the simulator's counters do not keep.
 */
final class RecordingModelProxy implements AutoCloseable {

    /**
     * One model call as the proxy saw it.
     *
     * @param conversation the asking step and the request body: a call repeated after a passing failure sends the same
     * @param receivedAt   {@link System#nanoTime()} when the request arrived
     * @param answeredAt   {@link System#nanoTime()} just before the answer went back
     * @param status       the HTTP status of the answer
     */
    record ModelCall(String conversation, long receivedAt, long answeredAt, int status) {
    }

    /** Headers the JDK client sets itself or refuses, and those that only concern one hop. */
    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String target;
    private final List<ModelCall> calls = new CopyOnWriteArrayList<>();

    private RecordingModelProxy(String target) {
        this.target = target;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the recording proxy", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::forward);
        server.start();
    }

    /** Starts a proxy forwarding to {@code target}, e.g. the simulator's endpoint. */
    static RecordingModelProxy start(String target) {
        return new RecordingModelProxy(target);
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The calls so far, in order of arrival. */
    List<ModelCall> calls() {
        return calls.stream().sorted(Comparator.comparingLong(ModelCall::receivedAt)).toList();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            long receivedAt = System.nanoTime();
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            String step = exchange.getRequestHeaders().getFirst(AzureOpenAiChatModel.STEP_HEADER);
            calls.add(new ModelCall(step + "\n" + new String(body, StandardCharsets.UTF_8), receivedAt,
                    System.nanoTime(), response.statusCode()));
            byte[] answer = response.body();
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** How long after one call was answered the next call arrived. */
    static Duration between(ModelCall earlier, ModelCall later) {
        return Duration.ofNanos(later.receivedAt() - earlier.answeredAt());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        client.close();
    }
}
