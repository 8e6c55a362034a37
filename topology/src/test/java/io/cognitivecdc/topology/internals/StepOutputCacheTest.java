package io.cognitivecdc.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.llm.TokenUsage;
import io.cognitivecdc.steps.StepOutput;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class StepOutputCacheTest {

    private final KeyValueStore<String, String> store = Fixtures.inMemory("cache", Serdes.String(), Serdes.String());

    private static Completion.StepDone done(String fingerprint, String category, boolean fromCache) {
        StepOutput output = new StepOutput(Map.of("category", category), "fake/model", 1, new TokenUsage(10, 5), 20);
        return new Completion.StepDone(Rows.key(1), 1, 1, "visit_type", output, fingerprint, fromCache);
    }

    @Test
    void shouldAnswerTheSameQuestionAfterARestartAtNoCost() {
        StepOutputCache.open(10, store).put(done("fp-1", "outpatient", false), "{\"category\":\"outpatient\"}");

        StepOutput cached = StepOutputCache.open(10, store).get("fp-1");

        assertThat(cached.fields()).containsEntry("category", "outpatient");
        assertThat(cached.model()).isEqualTo("fake/model");
        assertThat(cached.usage()).isEqualTo(TokenUsage.ZERO);
    }

    @Test
    void shouldReadEntriesWrittenInTheEarlierJsonForm() {
        store.put("fp-old", "{\"fields\":{\"category\":\"inpatient\"},\"model\":\"fake/model\"}");

        assertThat(StepOutputCache.open(10, store).get("fp-old").fields()).containsEntry("category", "inpatient");
    }

    @Test
    void shouldDropTheLeastRecentlyUsedEntryFromTheStorePastTheBound() {
        StepOutputCache cache = StepOutputCache.open(2, store);
        cache.put(done("fp-1", "a", false), "{\"category\":\"a\"}");
        cache.put(done("fp-2", "b", false), "{\"category\":\"b\"}");
        cache.get("fp-1");
        cache.put(done("fp-3", "c", false), "{\"category\":\"c\"}");

        assertThat(store.get("fp-2")).isNull();
        assertThat(store.get("fp-1")).isNotNull();
        assertThat(store.get("fp-3")).isNotNull();
    }

    @Test
    void shouldNotWriteAnOutputThatCameFromTheCache() {
        StepOutputCache.open(10, store).put(done("fp-1", "a", true), "{\"category\":\"a\"}");

        assertThat(store.get("fp-1")).isNull();
    }
}
