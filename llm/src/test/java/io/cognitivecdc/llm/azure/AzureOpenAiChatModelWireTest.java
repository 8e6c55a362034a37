package io.cognitivecdc.llm.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.LlmCallException.Kind;
import io.cognitivecdc.llm.ResponseSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the provider puts on the wire, and how it reads every kind of answer, against canned responses. */
class AzureOpenAiChatModelWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private static CannedAzureServer server;
    private static AzureOpenAiChatModel deployments;
    private static AzureOpenAiChatModel v1;

    @BeforeAll
    static void start() {
        server = new CannedAzureServer();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        deployments = new AzureOpenAiChatModel(AzureOpenAiSettings.builder().endpoint(server.endpoint() + "/")
                .deployment("gpt-4o-mini").apiKey("secret-key-123").apiVersion("2024-10-21").build(), clock);
        v1 = new AzureOpenAiChatModel(AzureOpenAiSettings.builder().endpoint(server.endpoint())
                .deployment("gpt-4o-mini").bearerToken("entra-token").pathStyle(AzurePathStyle.V1).build(), clock);
    }

    @AfterAll
    static void stop() {
        deployments.close();
        v1.close();
        server.close();
    }

    private static ChatRequest request() {
        ObjectNode task = JSON.createObjectNode().put("task", "classify").put("text", "chest pain");
        task.putArray("taxonomy").addObject().put("name", "emergency").put("definition", "urgent");
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("category").put("type", "string");
        schema.putArray("required").add("category");
        schema.put("additionalProperties", false);
        return new ChatRequest("visit_type", "enc-1", List.of(ChatMessage.system("Classify."),
                ChatMessage.user(task.toString()), ChatMessage.assistant("oops"),
                ChatMessage.user("Your answer was invalid: not JSON")), new ResponseSchema("classifier", schema), task);
    }

    private static String completion(String content, String finishReason) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("created", 1).put("model", "gpt-4o-mini");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", finishReason);
        choice.putNull("logprobs");
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content == null) {
            message.putNull("content");
            message.put("refusal", "I cannot help with that.");
        } else {
            message.put("content", content);
        }
        body.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 30).put("total_tokens", 150);
        return body.toString();
    }

    @Test
    void sends_the_conversation_with_a_strict_json_schema_at_temperature_zero() throws Exception {
        server.respond(200, completion("{\"category\":\"emergency\"}", "stop"));

        ChatResponse response = deployments.complete(request());

        CannedAzureServer.Recorded sent = server.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/openai/deployments/gpt-4o-mini/chat/completions");
        assertThat(sent.query()).isEqualTo("api-version=2024-10-21");
        assertThat(sent.header("api-key")).isEqualTo("secret-key-123");
        assertThat(sent.header("x-cognitive-cdc-step")).isEqualTo("visit_type");
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.path("temperature").asDouble()).isZero();
        assertThat(body.path("messages").findValuesAsText("role"))
                .containsExactly("system", "user", "assistant", "user");
        assertThat(body.path("messages").get(3).path("content").asText()).startsWith("Your answer was invalid");
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("classifier");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema")).isEqualTo(request().responseSchema().schema());

        assertThat(response).isEqualTo(new ChatResponse("{\"category\":\"emergency\"}",
                new io.cognitivecdc.llm.TokenUsage(120, 30), "stop"));
    }

    @Test
    void the_v1_route_sends_the_deployment_as_model_without_api_version_and_a_bearer_token() throws Exception {
        server.respond(200, completion("{}", "stop"));

        v1.complete(request());

        CannedAzureServer.Recorded sent = server.last();
        assertThat(sent.path()).isEqualTo("/openai/v1/chat/completions");
        assertThat(sent.query()).isNull();
        assertThat(sent.header("Authorization")).isEqualTo("Bearer entra-token");
        assertThat(sent.header("api-key")).isNull();
        assertThat(JSON.readTree(sent.body()).path("model").asText()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void a_length_cut_answer_is_returned_with_its_finish_reason() {
        server.respond(200, completion("{\"category\":\"emer", "length"));

        ChatResponse response = deployments.complete(request());

        assertThat(response.finishReason()).isEqualTo("length");
        assertThat(response.content()).isEqualTo("{\"category\":\"emer");
    }

    @Test
    void a_refusal_is_a_content_filter_failure() {
        server.respond(200, completion(null, "stop"));

        assertThatThrownBy(() -> deployments.complete(request())).isInstanceOfSatisfying(LlmCallException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTER);
                    assertThat(e.getMessage()).contains("I cannot help with that.");
                });
    }

    @Test
    void a_content_filter_finish_reason_is_a_content_filter_failure() {
        server.respond(200, completion("", "content_filter"));

        assertThatThrownBy(() -> deployments.complete(request())).isInstanceOfSatisfying(LlmCallException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTER));
    }

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "400, BAD_REQUEST", "401, AUTHENTICATION", "403, AUTHENTICATION", "404, BAD_REQUEST",
            "408, TIMEOUT", "409, BAD_REQUEST", "422, BAD_REQUEST", "429, RATE_LIMITED", "500, SERVER_ERROR",
            "502, SERVER_ERROR", "503, SERVER_ERROR", "504, SERVER_ERROR"})
    void http_statuses_map_to_kinds(int status, Kind kind) {
        server.respond(status, "{\"error\":{\"code\":\"Whatever\",\"message\":\"it failed\"}}");

        assertThatThrownBy(() -> deployments.complete(request())).isInstanceOfSatisfying(LlmCallException.class,
                e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.statusCode()).hasValue(status);
                    assertThat(e.getMessage()).contains("Whatever: it failed").doesNotContain("secret-key-123");
                });
    }

    @Test
    void an_azure_prompt_filter_400_is_a_content_filter_failure() {
        server.respond(400, "{\"error\":{\"message\":\"filtered\",\"type\":null,\"param\":\"prompt\","
                + "\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}");

        assertThatThrownBy(() -> deployments.complete(request())).isInstanceOfSatisfying(LlmCallException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTER));
    }

    @Test
    void retry_after_as_an_http_date_is_read_relative_to_now() {
        server.respond(429, "{\"error\":{\"code\":\"429\",\"message\":\"slow down\"}}",
                Map.of("Retry-After", "Sat, 21 Nov 2026 12:00:07 GMT"));

        assertThatThrownBy(() -> deployments.complete(request())).isInstanceOfSatisfying(LlmCallException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    void retry_after_ms_wins_over_retry_after() {
        server.respond(429, "{\"error\":{\"code\":\"429\",\"message\":\"slow down\"}}",
                Map.of("Retry-After", "3", "retry-after-ms", "2250"));

        assertThatThrownBy(() -> deployments.complete(request())).isInstanceOfSatisfying(LlmCallException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofMillis(2250)));
    }

    @Test
    void an_unreadable_answer_is_a_server_error() {
        server.respond(200, "this is not json");

        assertThatThrownBy(() -> deployments.complete(request())).isInstanceOfSatisfying(LlmCallException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
    }

    @Test
    void an_answer_without_choices_is_a_server_error() {
        server.respond(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
                + "\"choices\":[]}");

        assertThatThrownBy(() -> deployments.complete(request())).isInstanceOfSatisfying(LlmCallException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR));
    }

    @Test
    void the_model_never_shows_its_key() {
        assertThat(deployments.toString()).doesNotContain("secret-key-123").contains("api-key(****)");
        assertThat(deployments.settings().toString()).doesNotContain("secret-key-123");
    }
}
