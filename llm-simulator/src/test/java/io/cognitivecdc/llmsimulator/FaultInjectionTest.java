package io.cognitivecdc.llmsimulator;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which requests get which fault. */
class FaultInjectionTest {

    private static CompletionRequest request(String text, int assistantMessages, String taskType) {
        StringBuilder messages = new StringBuilder("[{\"role\":\"user\",\"content\":")
                .append(Tasks.JSON.valueToTree(Tasks.JSON.createObjectNode().put("task", taskType).put("text", text)
                        .toString()).toString()).append('}');
        for (int i = 0; i < assistantMessages; i++) {
            messages.append(",{\"role\":\"assistant\",\"content\":\"bad\"},{\"role\":\"user\",\"content\":\"Your answer "
                    + "was invalid: x\"}");
        }
        String body = "{\"messages\":" + messages + "]}";
        return CompletionRequest.parse(Tasks.JSON, body.getBytes(), "step");
    }

    private static List<Optional<Fault>> sequence(long seed, FaultSettings settings, int count) {
        FaultPicker picker = new FaultPicker(settings, new Random(seed));
        List<Optional<Fault>> faults = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            faults.add(picker.pick(request("text " + i, 0, "classify")));
        }
        return faults;
    }

    @Test
    void the_same_seed_gives_the_same_faults_for_the_same_requests() {
        FaultSettings settings = FaultSettings.builder().rate(Fault.RATE_LIMIT, 0.2).rate(Fault.INVALID_JSON, 0.1)
                .build();

        assertThat(sequence(11, settings, 100)).isEqualTo(sequence(11, settings, 100));
        assertThat(sequence(11, settings, 100)).isNotEqualTo(sequence(12, settings, 100));
    }

    @Test
    void rates_are_roughly_honoured() {
        List<Optional<Fault>> faults = sequence(3, FaultSettings.builder().rate(Fault.SERVER_ERROR, 0.3).build(),
                2000);

        long hits = faults.stream().filter(f -> f.equals(Optional.of(Fault.SERVER_ERROR))).count();
        assertThat(hits).isBetween(500L, 700L);
    }

    @Test
    void attempts_limit_spares_corrective_retries() {
        FaultPicker picker = new FaultPicker(FaultSettings.builder().rate(Fault.INVALID_JSON, 1.0).attempts(1)
                .build(), new Random(1));

        assertThat(picker.pick(request("t", 0, "classify"))).contains(Fault.INVALID_JSON);
        assertThat(picker.pick(request("t", 1, "classify"))).isEmpty();
    }

    @Test
    void triggers_in_the_text_apply_with_or_without_attempt_limits() {
        FaultPicker picker = new FaultPicker(FaultSettings.none(), new Random(1));

        assertThat(picker.pick(request("a [sim:rate_limit] b", 3, "classify"))).contains(Fault.RATE_LIMIT);
        assertThat(picker.pick(request("a [sim:invalid_json@2]", 1, "classify"))).contains(Fault.INVALID_JSON);
        assertThat(picker.pick(request("a [sim:invalid_json@2]", 2, "classify"))).isEmpty();
        assertThat(picker.pick(request("a [sim:no_such_fault]", 0, "classify"))).isEmpty();
    }

    @Test
    void task_specific_faults_only_hit_their_task_type() {
        FaultPicker picker = new FaultPicker(FaultSettings.none(), new Random(1));

        assertThat(picker.pick(request("[sim:too_long_summary]", 0, "classify"))).isEmpty();
        assertThat(picker.pick(request("[sim:too_long_summary]", 0, "summarize"))).contains(Fault.TOO_LONG_SUMMARY);
        assertThat(picker.pick(request("[sim:out_of_taxonomy]", 0, "summarize"))).isEmpty();
    }

    @Test
    void rates_must_be_probabilities_that_fit_one_draw() {
        assertThatThrownBy(() -> FaultSettings.builder().rate(Fault.SLOW, 1.5).build())
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> FaultSettings.builder().rate(Fault.SLOW, 0.6).rate(Fault.RATE_LIMIT, 0.6).build())
                .hasMessageContaining("at most 1");
    }

    @Test
    void fault_settings_round_trip_through_json() {
        FaultSettings settings = FaultSettings.builder().rate(Fault.UNAVAILABLE, 0.25).attempts(2)
                .retryAfter(java.time.Duration.ofMillis(750)).slowDelay(java.time.Duration.ofSeconds(9)).build();

        assertThat(FaultSettings.fromJson(settings.toJson(Tasks.JSON), FaultSettings.none())).isEqualTo(settings);
    }
}
