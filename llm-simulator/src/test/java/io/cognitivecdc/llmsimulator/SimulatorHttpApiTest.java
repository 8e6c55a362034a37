package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator's HTTP surface, spoken to directly: Azure's wire format and the control API. */
class SimulatorHttpApiTest {

    private static final String KEY = "http-key";
    private static final String DEPLOYMENT_PATH = "/openai/deployments/gpt-4o-mini/chat/completions"
            + "?api-version=2024-10-21";

    private static LlmSimulator simulator;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        simulator = LlmSimulator.start(SimulatorConfig.builder().apiKey(KEY).build());
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        simulator.close();
        http.close();
    }

    @BeforeEach
    void cleanSlate() {
        simulator.setFaults(FaultSettings.none());
        simulator.resetStats();
    }

    private static ObjectNode chatBody(ObjectNode task, String model) {
        ObjectNode body = Tasks.JSON.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        body.putArray("messages")
                .add(Tasks.JSON.createObjectNode().put("role", "system").put("content", "Answer in JSON."))
                .add(Tasks.JSON.createObjectNode().put("role", "user").put("content", task.toString()));
        return body;
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.endpoint() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.endpoint() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answers_in_azures_chat_completion_shape() throws Exception {
        HttpResponse<String> response = post(DEPLOYMENT_PATH,
                chatBody(Tasks.classifyTask("chest pain, ambulance", null), null).toString(), "api-key", KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Tasks.parse(response.body());
        assertThat(body.path("id").asText()).startsWith("chatcmpl-");
        assertThat(body.path("object").asText()).isEqualTo("chat.completion");
        assertThat(body.path("created").asLong()).isPositive();
        assertThat(body.path("model").asText()).isEqualTo(SimulatorConfig.DEFAULT_MODEL);
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("index").asInt()).isZero();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
        assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
        Tasks.assertValidClassification(choice.path("message").path("content").asText());
        JsonNode usage = body.path("usage");
        assertThat(usage.path("total_tokens").asLong())
                .isEqualTo(usage.path("prompt_tokens").asLong() + usage.path("completion_tokens").asLong());
    }

    @Test
    void a_missing_or_wrong_key_is_refused_like_azure() throws Exception {
        String body = chatBody(Tasks.classifyTask("x", null), null).toString();

        HttpResponse<String> missing = post(DEPLOYMENT_PATH, body);
        HttpResponse<String> wrong = post(DEPLOYMENT_PATH, body, "api-key", "nope");
        HttpResponse<String> bearer = post(DEPLOYMENT_PATH, body, "Authorization", "Bearer " + KEY);

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Tasks.parse(wrong.body()).path("error").path("code").asText()).isEqualTo("401");
        assertThat(Tasks.parse(wrong.body()).path("error").path("message").asText()).contains("Access denied");
        assertThat(bearer.statusCode()).isEqualTo(200);
    }

    @Test
    void unknown_paths_and_missing_api_versions_are_not_found() throws Exception {
        String body = chatBody(Tasks.classifyTask("x", null), null).toString();

        HttpResponse<String> unknown = post("/openai/deployments/d/embeddings?api-version=1", body, "api-key", KEY);
        HttpResponse<String> noVersion = post("/openai/deployments/d/chat/completions", body, "api-key", KEY);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Tasks.parse(unknown.body()).path("error").path("code").asText()).isEqualTo("404");
        assertThat(noVersion.statusCode()).isEqualTo(404);
        assertThat(simulator.stats().status(404)).isEqualTo(2);
    }

    @Test
    void malformed_requests_are_bad_requests() throws Exception {
        assertThat(post(DEPLOYMENT_PATH, "{not json", "api-key", KEY).statusCode()).isEqualTo(400);
        assertThat(post(DEPLOYMENT_PATH, "{\"messages\":[]}", "api-key", KEY).statusCode()).isEqualTo(400);
        assertThat(post("/openai/v1/chat/completions", chatBody(Tasks.classifyTask("x", null), null).toString(),
                "api-key", KEY).statusCode()).as("v1 without model").isEqualTo(400);
        assertThat(get("/openai/v1/chat/completions").statusCode()).isEqualTo(405);
    }

    @Test
    void a_429_carries_retry_after_in_seconds_and_milliseconds() throws Exception {
        simulator.setFaults(FaultSettings.builder().rate(Fault.RATE_LIMIT, 1).retryAfter(Duration.ofMillis(1500))
                .build());

        HttpResponse<String> response = post(DEPLOYMENT_PATH, chatBody(Tasks.classifyTask("x", null), null)
                .toString(), "api-key", KEY);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(response.headers().firstValue("retry-after-ms")).hasValue("1500");
        assertThat(Tasks.parse(response.body()).path("error").path("message").asText()).contains("retry after 2");
    }

    @Test
    void the_prompt_filter_answers_with_azures_responsible_ai_error() throws Exception {
        HttpResponse<String> response = post(DEPLOYMENT_PATH,
                chatBody(Tasks.classifyTask("x [sim:content_filter]", null), null).toString(), "api-key", KEY);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Tasks.parse(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("content_filter");
        assertThat(error.path("innererror").path("code").asText()).isEqualTo("ResponsibleAIPolicyViolation");
    }

    @Test
    void faults_change_at_runtime_through_the_control_api() throws Exception {
        String body = chatBody(Tasks.classifyTask("x", null), "d").toString();

        HttpResponse<String> set = post("/simulator/faults",
                "{\"rates\":{\"unavailable\":1.0},\"retry_after_seconds\":3}");
        HttpResponse<String> during = post("/openai/v1/chat/completions", body, "api-key", KEY);
        post("/simulator/faults", "{\"rates\":{}}");
        HttpResponse<String> after = post("/openai/v1/chat/completions", body, "api-key", KEY);

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(Tasks.parse(set.body()).path("rates").path("unavailable").asDouble()).isEqualTo(1.0);
        assertThat(Tasks.parse(get("/simulator/faults").body()).path("retry_after_ms").asLong()).isEqualTo(3000);
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(simulator.faults().rates()).isEmpty();
        assertThat(post("/simulator/faults", "{\"rates\":{\"meteor_strike\":1}}").statusCode()).isEqualTo(400);
    }

    @Test
    void stats_are_served_as_json_and_can_be_reset() throws Exception {
        post("/openai/v1/chat/completions", chatBody(Tasks.classifyTask("x", null), "d").toString(),
                "api-key", KEY, "x-cognitive-cdc-step", "visit_type");

        JsonNode stats = Tasks.parse(get("/simulator/stats").body());
        HttpResponse<String> reset = post("/simulator/stats/reset", "");

        assertThat(stats.path("requests").asLong()).isEqualTo(1);
        assertThat(stats.path("by_status").path("200").asLong()).isEqualTo(1);
        assertThat(stats.path("by_step").path("visit_type").asLong()).isEqualTo(1);
        assertThat(stats.path("by_task_type").path("classify").asLong()).isEqualTo(1);
        assertThat(stats.path("prompt_tokens").asLong()).isPositive();
        assertThat(reset.statusCode()).isEqualTo(204);
        assertThat(simulator.stats().requests()).isZero();
        assertThat(get("/simulator/health").body()).contains("ok");
    }

    @Test
    void an_unknown_task_gets_the_plainest_answer_its_schema_allows() throws Exception {
        ObjectNode body = chatBody(Tasks.JSON.createObjectNode().put("task", "extract").put("text", "x"), "d");
        ObjectNode schema = body.putObject("response_format").put("type", "json_schema").putObject("json_schema")
                .put("name", "extractor").put("strict", true).putObject("schema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("kind").put("type", "string").putArray("enum").add("a").add("b");
        properties.putObject("count").put("type", "integer").put("minimum", 1);
        properties.putObject("tags").put("type", "array").putObject("items").put("type", "string");

        HttpResponse<String> response = post("/openai/v1/chat/completions", body.toString(), "api-key", KEY);

        JsonNode answer = Tasks.parse(Tasks.parse(response.body()).path("choices").get(0).path("message")
                .path("content").asText());
        assertThat(answer.path("kind").asText()).isEqualTo("a");
        assertThat(answer.path("count").asInt()).isEqualTo(1);
        assertThat(answer.path("tags").isArray()).isTrue();
    }

    @Test
    void a_free_text_chat_without_a_schema_gets_prose() throws Exception {
        HttpResponse<String> response = post("/openai/v1/chat/completions",
                "{\"model\":\"d\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}", "api-key", KEY);

        assertThat(Tasks.parse(response.body()).path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("This is a simulated answer.");
        assertThat(simulator.stats().taskType("unknown")).isEqualTo(1);
    }
}
