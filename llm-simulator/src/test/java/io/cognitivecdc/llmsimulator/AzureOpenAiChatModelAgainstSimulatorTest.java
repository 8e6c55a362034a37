package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.LlmCallException.Kind;
import io.cognitivecdc.llm.azure.AzureOpenAiChatModel;
import io.cognitivecdc.llm.azure.AzureOpenAiChatModelFactory;
import io.cognitivecdc.llm.azure.AzureOpenAiSettings;
import io.cognitivecdc.llm.azure.AzurePathStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Azure OpenAI provider, through the real openai-java SDK, against the simulator's Azure wire format. */
class AzureOpenAiChatModelAgainstSimulatorTest {

    private static LlmSimulator simulator;
    private static AzureOpenAiChatModel deployments;
    private static AzureOpenAiChatModel v1;

    @BeforeAll
    static void start() {
        simulator = LlmSimulator.start(SimulatorConfig.builder().apiKey("test-key").build());
        deployments = model(AzurePathStyle.DEPLOYMENTS, "test-key", Duration.ofSeconds(10));
        v1 = model(AzurePathStyle.V1, "test-key", Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        deployments.close();
        v1.close();
        simulator.close();
    }

    @BeforeEach
    void cleanSlate() {
        simulator.setFaults(FaultSettings.none());
        simulator.resetStats();
    }

    static AzureOpenAiChatModel model(AzurePathStyle style, String key, Duration timeout) {
        return new AzureOpenAiChatModel(AzureOpenAiSettings.builder()
                .endpoint(simulator.endpoint())
                .deployment("gpt-4o-mini")
                .apiKey(key)
                .pathStyle(style)
                .timeout(timeout)
                .build());
    }

    @ParameterizedTest
    @EnumSource(AzurePathStyle.class)
    void classifies_a_visit_through_either_path_style(AzurePathStyle style) {
        ChatModel model = style == AzurePathStyle.DEPLOYMENTS ? deployments : v1;

        ChatResponse response = model.complete(Tasks.classify("visit_type", "enc-1",
                "Patient arrived by ambulance with acute chest pain and shortness of breath.", "Department: ER"));

        JsonNode answer = Tasks.assertValidClassification(response.content());
        assertThat(answer.path("category").asText()).isEqualTo("emergency");
        assertThat(answer.path("reasoning").asText()).contains("ambulance");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage().promptTokens()).isPositive();
        assertThat(response.usage().completionTokens()).isPositive();
        SimulatorStats stats = simulator.stats();
        assertThat(stats.status(200)).isEqualTo(1);
        // The deployments style reached /openai/deployments/gpt-4o-mini/… (which needs api-version); v1 sent the
        // deployment as the model.
        assertThat(stats.byRoute()).containsOnlyKeys(style.settingValue());
        assertThat(stats.byDeployment()).containsEntry("gpt-4o-mini", 1L);
    }

    @Test
    void model_id_names_the_provider_and_deployment() {
        assertThat(deployments.id()).isEqualTo("azure-openai/gpt-4o-mini");
    }

    @Test
    void classification_is_deterministic_and_confidence_reflects_the_margin() {
        ChatRequest clear = Tasks.classify("visit_type", "k", "Annual physical and vaccination, scheduled follow-up "
                + "appointment for preventive care.");
        ChatRequest vague = Tasks.classify("visit_type", "k", "The patient came in today.");

        JsonNode first = Tasks.assertValidClassification(deployments.complete(clear).content());
        JsonNode again = Tasks.assertValidClassification(deployments.complete(clear).content());
        JsonNode unclear = Tasks.assertValidClassification(deployments.complete(vague).content());

        assertThat(first).isEqualTo(again);
        assertThat(first.path("category").asText()).isEqualTo("routine_checkup");
        assertThat(first.path("confidence").asDouble()).isGreaterThan(0.8);
        assertThat(unclear.path("confidence").asDouble()).isBetween(0.3, 0.5);
    }

    @Test
    void summarizes_within_max_length_preferring_sentences_about_the_focus() {
        String note = "The patient is a 54-year-old teacher. She reports mild seasonal allergies. "
                + "Chest pain started two hours ago and radiates to the left arm. "
                + "Her family history includes diabetes. An ECG showed ST elevation consistent with chest pain of "
                + "cardiac origin.";

        ChatResponse response = v1.complete(Tasks.summarize("summary", "enc-2", note, "chest pain", 160));

        JsonNode answer = Tasks.assertValidSummary(response.content(), 160);
        assertThat(answer.path("text").asText()).contains("Chest pain started").doesNotContain("allergies");
    }

    @Test
    void a_single_sentence_longer_than_max_length_is_cut_at_a_word() {
        String note = "Patient presents with a long list of complaints including headache, nausea, dizziness, "
                + "blurred vision, fatigue, and intermittent numbness in both hands since last week";

        ChatResponse response = deployments.complete(Tasks.summarize("summary", "enc-3", note, null, 40));

        JsonNode answer = Tasks.assertValidSummary(response.content(), 40);
        assertThat(answer.path("text").asText()).startsWith("Patient presents").endsWith("…");
    }

    @Test
    void a_429_becomes_rate_limited_with_the_servers_retry_after() {
        simulator.setFaults(FaultSettings.builder().rate(Fault.RATE_LIMIT, 1.0)
                .retryAfter(Duration.ofMillis(2500)).build());

        assertThatThrownBy(() -> deployments.complete(Tasks.classify("visit_type", "k", "chest pain")))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.statusCode()).hasValue(429);
                    assertThat(e.retryAfter()).contains(Duration.ofMillis(2500));
                });
        // The SDK's own retries are off: the resilience layer above sees every 429.
        assertThat(simulator.stats().requests()).isEqualTo(1);
        assertThat(simulator.stats().fault(Fault.RATE_LIMIT)).isEqualTo(1);
    }

    @Test
    void server_errors_and_unavailability_are_transient_server_errors() {
        assertThatThrownBy(() -> deployments.complete(Tasks.classify("s", "k", "x [sim:server_error]"))
        ).isInstanceOfSatisfying(LlmCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(e.statusCode()).hasValue(500);
        });
        assertThatThrownBy(() -> v1.complete(Tasks.classify("s", "k", "x [sim:unavailable]"))
        ).isInstanceOfSatisfying(LlmCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
            assertThat(e.statusCode()).hasValue(503);
        });
        assertThat(simulator.stats().requests()).as("no SDK retries").isEqualTo(2);
    }

    @Test
    void azures_prompt_filter_becomes_a_permanent_content_filter_failure() {
        assertThatThrownBy(() -> deployments.complete(Tasks.classify("s", "k", "x [sim:content_filter]")))
                .isInstanceOfSatisfying(LlmCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTER);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.statusCode()).hasValue(400);
                });
    }

    @Test
    void a_filtered_completion_becomes_a_content_filter_failure() {
        assertThatThrownBy(() -> v1.complete(Tasks.summarize("s", "k", "x [sim:content_filter_output]", null, 50)))
                .isInstanceOfSatisfying(LlmCallException.class, e ->
                        assertThat(e.kind()).isEqualTo(Kind.CONTENT_FILTER));
    }

    @Test
    void a_client_timeout_becomes_timeout() {
        simulator.setFaults(FaultSettings.builder().slowDelay(Duration.ofSeconds(5)).build());
        try (AzureOpenAiChatModel impatient = model(AzurePathStyle.DEPLOYMENTS, "test-key", Duration.ofMillis(300))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> impatient.complete(Tasks.classify("s", "k", "chest pain [sim:slow]")))
                    .isInstanceOfSatisfying(LlmCallException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
                        assertThat(e.isTransient()).isTrue();
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void a_refused_connection_becomes_connection() {
        int closedPort;
        try (LlmSimulator gone = LlmSimulator.start()) {
            closedPort = gone.port();
        }
        try (AzureOpenAiChatModel nowhere = new AzureOpenAiChatModel(AzureOpenAiSettings.builder()
                .endpoint("http://127.0.0.1:" + closedPort).deployment("d").apiKey("k").build())) {
            assertThatThrownBy(() -> nowhere.complete(Tasks.classify("s", "k", "chest pain")))
                    .isInstanceOfSatisfying(LlmCallException.class, e ->
                            assertThat(e.kind()).isEqualTo(Kind.CONNECTION));
        }
    }

    @Test
    void a_wrong_key_is_an_authentication_failure() {
        try (AzureOpenAiChatModel wrongKey = model(AzurePathStyle.DEPLOYMENTS, "not-the-key", Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> wrongKey.complete(Tasks.classify("s", "k", "chest pain")))
                    .isInstanceOfSatisfying(LlmCallException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                        assertThat(e.statusCode()).hasValue(401);
                        assertThat(e.getMessage()).doesNotContain("not-the-key");
                    });
        }
        assertThat(simulator.stats().status(401)).isEqualTo(1);
    }

    @Test
    void an_entra_id_bearer_token_is_sent_as_authorization() {
        try (AzureOpenAiChatModel entra = new AzureOpenAiChatModel(AzureOpenAiSettings.builder()
                .endpoint(simulator.endpoint()).deployment("gpt-4o").bearerTokenSupplier(() -> "test-key").build())) {
            Tasks.assertValidClassification(entra.complete(Tasks.classify("s", "k", "chest pain")).content());
        }
    }

    @Test
    void invalid_answers_come_back_as_content_not_as_exceptions() {
        ChatResponse notJson = deployments.complete(Tasks.classify("s", "k", "chest pain [sim:invalid_json]"));
        ChatResponse outside = deployments.complete(Tasks.classify("s", "k", "chest pain [sim:out_of_taxonomy]"));
        ChatResponse overconfident = deployments.complete(
                Tasks.classify("s", "k", "chest pain [sim:confidence_above_one]"));
        ChatResponse tooLong = deployments.complete(
                Tasks.summarize("s", "k", "Chest pain since noon. Arrived by ambulance.", null, 30));
        ChatResponse overLong = deployments.complete(
                Tasks.summarize("s", "k", "Chest pain since noon. [sim:too_long_summary]", null, 30));

        assertThatThrownBy(() -> Tasks.JSON.readTree(notJson.content())).isInstanceOf(Exception.class);
        assertThat(Tasks.parse(outside.content()).path("category").asText())
                .isNotIn("emergency", "routine_checkup", "specialist_referral");
        assertThat(Tasks.parse(overconfident.content()).path("confidence").asDouble()).isEqualTo(1.7);
        Tasks.assertValidSummary(tooLong.content(), 30);
        assertThat(Tasks.parse(overLong.content()).path("text").asText().length()).isGreaterThan(30);
        assertThat(simulator.stats().fault(Fault.INVALID_JSON)).isEqualTo(1);
        assertThat(simulator.stats().fault(Fault.TOO_LONG_SUMMARY)).isEqualTo(1);
    }

    @Test
    void a_fault_limited_to_the_first_attempt_lets_the_corrective_retry_succeed() {
        simulator.setFaults(FaultSettings.builder().rate(Fault.OUT_OF_TAXONOMY, 1.0).attempts(1).build());
        ChatRequest first = Tasks.classify("visit_type", "k", "chest pain, ambulance");

        ChatResponse invalid = deployments.complete(first);
        ChatResponse corrected = deployments.complete(Tasks.correctiveRetry(first, invalid.content(),
                "category must be one of emergency, routine_checkup, specialist_referral"));

        assertThat(Tasks.parse(invalid.content()).path("category").asText()).isEqualTo("unlisted_category");
        assertThat(Tasks.assertValidClassification(corrected.content()).path("category").asText())
                .isEqualTo("emergency");
    }

    @Test
    void a_per_row_trigger_can_name_the_attempts_it_hits() {
        ChatRequest first = Tasks.classify("visit_type", "k", "chest pain [sim:invalid_json@1]");

        ChatResponse invalid = deployments.complete(first);
        ChatResponse corrected = deployments.complete(Tasks.correctiveRetry(first, invalid.content(), "not JSON"));

        assertThat(invalid.content()).startsWith("Sure!");
        Tasks.assertValidClassification(corrected.content());
    }

    @Test
    void stats_count_requests_by_step_task_and_tokens() {
        ChatResponse a = deployments.complete(Tasks.classify("visit_type", "1", "chest pain"));
        ChatResponse b = v1.complete(Tasks.classify("visit_type", "2", "annual physical"));
        ChatResponse c = v1.complete(Tasks.summarize("summary", "1", "Chest pain. Ambulance.", null, 100));

        SimulatorStats stats = simulator.stats();
        assertThat(stats.requests()).isEqualTo(3);
        assertThat(stats.step("visit_type")).isEqualTo(2);
        assertThat(stats.step("summary")).isEqualTo(1);
        assertThat(stats.taskType("classify")).isEqualTo(2);
        assertThat(stats.taskType("summarize")).isEqualTo(1);
        assertThat(stats.promptTokens()).isEqualTo(a.usage().promptTokens() + b.usage().promptTokens()
                + c.usage().promptTokens());
        assertThat(stats.completionTokens()).isEqualTo(a.usage().completionTokens() + b.usage().completionTokens()
                + c.usage().completionTokens());

        simulator.resetStats();
        assertThat(simulator.stats().requests()).isZero();
    }

    @Test
    void a_quota_beyond_its_requests_per_minute_answers_429_with_retry_after() {
        try (LlmSimulator limited = LlmSimulator.start(SimulatorConfig.builder().apiKey("q")
                .quota(new QuotaSettings(2, 0)).build());
             AzureOpenAiChatModel model = new AzureOpenAiChatModel(AzureOpenAiSettings.builder()
                     .endpoint(limited.endpoint()).deployment("d").apiKey("q").build())) {
            model.complete(Tasks.classify("s", "1", "chest pain"));
            model.complete(Tasks.classify("s", "2", "chest pain"));

            assertThatThrownBy(() -> model.complete(Tasks.classify("s", "3", "chest pain")))
                    .isInstanceOfSatisfying(LlmCallException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                        assertThat(e.retryAfter()).hasValueSatisfying(wait ->
                                assertThat(wait).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(60)));
                    });
            assertThat(limited.stats().byFault()).containsEntry("quota", 1L);
        }
    }

    @Test
    void concurrent_slow_requests_do_not_queue_behind_each_other() throws Exception {
        try (LlmSimulator slow = LlmSimulator.start(SimulatorConfig.builder().apiKey("c")
                .latency(LatencyModel.fixed(Duration.ofMillis(200))).build());
             AzureOpenAiChatModel model = new AzureOpenAiChatModel(AzureOpenAiSettings.builder()
                     .endpoint(slow.endpoint()).deployment("d").apiKey("c").build());
             var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            int parallel = 50;
            long start = System.nanoTime();
            var futures = java.util.stream.IntStream.range(0, parallel).mapToObj(i -> threads.submit(() ->
                    model.complete(Tasks.classify("s", String.valueOf(i), "chest pain")))).toList();
            for (var future : futures) {
                Tasks.assertValidClassification(future.get().content());
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            // Serialised, 50 × 200 ms would take 10 s; OkHttp's default dispatcher allows 5 per host for async
            // calls only, synchronous calls run in parallel.
            assertThat(elapsed).isLessThan(Duration.ofSeconds(4));
            assertThat(slow.stats().maxInFlight()).isGreaterThan(10);
        }
    }

    @Test
    void the_factory_builds_a_working_model_from_provider_settings() {
        ChatModel model = new AzureOpenAiChatModelFactory(name -> null).create(Map.of(
                "endpoint", simulator.endpoint(), "deployment", "gpt-4o-mini", "api-key", "test-key",
                "path-style", "v1", "timeout", "5s"));
        try (model) {
            Tasks.assertValidClassification(model.complete(Tasks.classify("s", "k", "chest pain")).content());
        }
    }
}
