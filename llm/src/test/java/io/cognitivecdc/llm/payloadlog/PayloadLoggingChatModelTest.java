package io.cognitivecdc.llm.payloadlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.LlmCallException.Kind;
import io.cognitivecdc.llm.ResponseSchema;
import io.cognitivecdc.llm.TokenUsage;
import io.cognitivecdc.llm.azure.AzureOpenAiChatModel;
import io.cognitivecdc.llm.azure.AzureOpenAiSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LLM payload log: one JSON line per call, redacted and truncated. */
class PayloadLoggingChatModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ChatRequest request(String text, String patientName, int assistantMessages) {
        ObjectNode task = JSON.createObjectNode().put("task", "summarize").put("text", text)
                .put("patient_name", patientName).put("max_length", 300);
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.system("Summarize the note."),
                ChatMessage.user(task.toString())));
        for (int i = 0; i < assistantMessages; i++) {
            messages.add(ChatMessage.assistant("{\"text\":\"x\",\"patient_name\":\"" + patientName + "\"}"));
            messages.add(ChatMessage.user("Your answer was invalid: too long"));
        }
        return new ChatRequest("summary", "enc-7", messages, new ResponseSchema("summarizer",
                JSON.createObjectNode().put("type", "object")), task);
    }

    /** A model answering with a function of the request, or throwing. */
    private record FakeModel(Function<ChatRequest, ChatResponse> answer) implements ChatModel {
        @Override
        public String id() {
            return "fake/model";
        }

        @Override
        public ChatResponse complete(ChatRequest request) {
            return answer.apply(request);
        }
    }

    private PayloadLog log(Path file, List<String> redact, int truncate) {
        return PayloadLog.builder().enabled(true).file(file).redact(redact).truncate(truncate).build();
    }

    private List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            parsed.add(JSON.readTree(line));
        }
        return parsed;
    }

    @Test
    void writes_one_line_per_call_with_request_response_and_timing() throws IOException {
        Path file = dir.resolve("logs/llm_payloads.jsonl");
        try (PayloadLog log = log(file, List.of(), 2000)) {
            ChatModel model = PayloadLoggingChatModel.wrap(new FakeModel(r -> new ChatResponse(
                    "{\"text\":\"Chest pain.\",\"reasoning\":\"r\"}", new TokenUsage(50, 10), "stop")), log);

            ChatResponse response = model.complete(request("Chest pain since noon.", "Ada", 1));

            assertThat(response.content()).contains("Chest pain.");
            assertThat(model.id()).isEqualTo("fake/model");
        }

        List<JsonNode> lines = lines(file);
        assertThat(lines).hasSize(1);
        JsonNode line = lines.getFirst();
        assertThat(line.path("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(line.path("step").asText()).isEqualTo("summary");
        assertThat(line.path("key").asText()).isEqualTo("enc-7");
        assertThat(line.path("model").asText()).isEqualTo("fake/model");
        assertThat(line.path("attempt").asInt()).as("1 + assistant messages").isEqualTo(2);
        assertThat(line.path("latency_ms").isIntegralNumber()).isTrue();
        assertThat(line.path("request").path("task").path("text").asText()).isEqualTo("Chest pain since noon.");
        assertThat(line.path("request").path("messages").findValuesAsText("role"))
                .containsExactly("system", "user", "assistant", "user");
        assertThat(line.path("response").path("finish_reason").asText()).isEqualTo("stop");
        assertThat(line.path("response").path("usage").path("prompt_tokens").asLong()).isEqualTo(50);
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void configured_fields_are_redacted_in_the_task_and_in_json_message_contents() throws IOException {
        Path file = dir.resolve("p.jsonl");
        try (PayloadLog log = log(file, List.of("patient_name"), 2000)) {
            new PayloadLoggingChatModel(new FakeModel(r -> new ChatResponse(
                    "{\"text\":\"ok\",\"patient_name\":\"Ada Lovelace\"}", TokenUsage.ZERO, "stop")), log)
                    .complete(request("note", "Ada Lovelace", 1));
        }

        String raw = Files.readString(file);
        assertThat(raw).doesNotContain("Ada Lovelace").contains("[REDACTED]");
        JsonNode line = JSON.readTree(raw);
        assertThat(line.path("request").path("task").path("patient_name").asText()).isEqualTo("[REDACTED]");
        assertThat(line.path("request").path("task").path("text").asText()).isEqualTo("note");
        assertThat(JSON.readTree(line.path("request").path("messages").get(1).path("content").asText())
                .path("patient_name").asText()).isEqualTo("[REDACTED]");
        assertThat(line.path("request").path("messages").get(3).path("content").asText())
                .as("plain text stays as it is").isEqualTo("Your answer was invalid: too long");
    }

    @Test
    void long_strings_are_truncated_with_a_marker() throws IOException {
        Path file = dir.resolve("t.jsonl");
        String longText = "x".repeat(250);
        try (PayloadLog log = log(file, List.of(), 100)) {
            new PayloadLoggingChatModel(new FakeModel(r -> new ChatResponse("short", TokenUsage.ZERO, "stop")), log)
                    .complete(request(longText, "n", 0));
        }

        JsonNode line = lines(file).getFirst();
        assertThat(line.path("request").path("task").path("text").asText())
                .isEqualTo("x".repeat(100) + "…[truncated 150 chars]");
        assertThat(line.path("response").path("content").asText()).isEqualTo("short");
    }

    @Test
    void failures_are_logged_as_error_lines_and_still_thrown() throws IOException {
        Path file = dir.resolve("e.jsonl");
        try (PayloadLog log = log(file, List.of(), 2000)) {
            ChatModel failing = new PayloadLoggingChatModel(new FakeModel(r -> {
                throw new LlmCallException(Kind.RATE_LIMITED, "HTTP 429 slow down", 429, Duration.ofSeconds(2),
                        null);
            }), log);
            ChatModel broken = new PayloadLoggingChatModel(new FakeModel(r -> {
                throw new IllegalStateException("bug");
            }), log);

            assertThatThrownBy(() -> failing.complete(request("t", "n", 0))).isInstanceOf(LlmCallException.class);
            assertThatThrownBy(() -> broken.complete(request("t", "n", 0))).isInstanceOf(IllegalStateException.class);
        }

        List<JsonNode> lines = lines(file);
        assertThat(lines.get(0).has("response")).isFalse();
        assertThat(lines.get(0).path("error").path("kind").asText()).isEqualTo("RATE_LIMITED");
        assertThat(lines.get(0).path("error").path("status").asInt()).isEqualTo(429);
        assertThat(lines.get(0).path("error").path("message").asText()).contains("slow down");
        assertThat(lines.get(0).path("error").path("retry_after_ms").asLong()).isEqualTo(2000);
        assertThat(lines.get(1).path("error").path("kind").asText()).isEqualTo("UNEXPECTED");
        assertThat(lines.get(1).path("error").path("status").isNull()).isTrue();
    }

    @Test
    void concurrent_calls_produce_whole_json_lines() throws Exception {
        Path file = dir.resolve("c.jsonl");
        int threads = 16;
        int callsPerThread = 200;
        try (PayloadLog log = log(file, List.of("patient_name"), 5000);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            ChatModel model = new PayloadLoggingChatModel(new FakeModel(r -> new ChatResponse(
                    "{\"text\":\"" + "y".repeat(3000) + "\"}", new TokenUsage(1, 1), "stop")), log);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < callsPerThread; i++) {
                        model.complete(request("thread " + thread + " call " + i + " " + "z".repeat(2000), "n", 0));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }

        List<String> raw = Files.readAllLines(file);
        assertThat(raw).hasSize(threads * callsPerThread);
        for (String line : raw) {
            assertThat(JSON.readTree(line).path("step").asText()).isEqualTo("summary");
        }
    }

    @Test
    void disabled_by_default_and_then_nothing_is_wrapped_or_written() {
        PayloadLog log = PayloadLog.builder().file(dir.resolve("never.jsonl")).build();
        ChatModel model = new FakeModel(r -> new ChatResponse("x", TokenUsage.ZERO, "stop"));

        assertThat(log.isEnabled()).isFalse();
        assertThat(PayloadLoggingChatModel.wrap(model, log)).isSameAs(model);
        assertThat(PayloadLog.fromSettings(Map.of()).isEnabled()).isFalse();
        assertThat(dir.resolve("never.jsonl")).doesNotExist();
    }

    @Test
    void settings_from_a_configuration_section_are_checked() throws IOException {
        Path file = dir.resolve("s.jsonl");
        try (PayloadLog log = PayloadLog.fromSettings(Map.of("enabled", true, "file", file.toString(),
                "redact", List.of("text"), "truncate", 10))) {
            new PayloadLoggingChatModel(new FakeModel(r -> new ChatResponse("ok", TokenUsage.ZERO, "stop")), log)
                    .complete(request("secret note", "n", 0));
        }

        assertThat(Files.readString(file)).doesNotContain("secret note").contains("[REDACTED]");
        assertThatThrownBy(() -> PayloadLog.fromSettings(Map.of("enabled", "yes")))
                .hasMessageContaining("payload-log.enabled");
        assertThatThrownBy(() -> PayloadLog.fromSettings(Map.of("enabled", true, "truncate", "lots")))
                .hasMessageContaining("payload-log.truncate");
        assertThatThrownBy(() -> PayloadLog.fromSettings(Map.of("redact", "patient_name")))
                .hasMessageContaining("payload-log.redact");
    }

    @Test
    void a_line_around_the_azure_provider_never_carries_the_api_key() throws IOException {
        Path file = dir.resolve("azure.jsonl");
        // Nothing listens on port 9 (discard): the call fails fast with a connection error, which is also logged.
        try (PayloadLog log = log(file, List.of(), 2000);
             AzureOpenAiChatModel azure = new AzureOpenAiChatModel(AzureOpenAiSettings.builder()
                     .endpoint("http://127.0.0.1:9").deployment("gpt-4o-mini").apiKey("very-secret-key")
                     .timeout(Duration.ofSeconds(2)).build())) {
            ChatModel model = PayloadLoggingChatModel.wrap(azure, log);
            assertThatThrownBy(() -> model.complete(request("note", "n", 0))).isInstanceOf(LlmCallException.class);
        }

        String line = Files.readString(file);
        assertThat(line).contains("\"model\":\"azure-openai/gpt-4o-mini\"").contains("CONNECTION");
        assertThat(line).doesNotContain("very-secret-key").doesNotContainIgnoringCase("api-key");
    }
}
