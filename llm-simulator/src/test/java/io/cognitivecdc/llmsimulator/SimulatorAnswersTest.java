package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The deterministic "model": what it answers for classify and summarize tasks. */
class SimulatorAnswersTest {

    private final ClassifyAnswerer classify = new ClassifyAnswerer(Tasks.JSON);
    private final SummarizeAnswerer summarize = new SummarizeAnswerer(Tasks.JSON);

    @Test
    void the_category_sharing_most_words_with_text_and_context_wins() {
        assertThat(classify.choose(Tasks.classifyTask("Referred to cardiology by her primary care doctor", null))
                .category()).isEqualTo("specialist_referral");
        assertThat(classify.choose(Tasks.classifyTask("Came in for vaccinations", "annual physical")).category())
                .as("context counts, plurals are stemmed").isEqualTo("routine_checkup");
    }

    @Test
    void without_any_shared_word_a_fallback_entry_is_chosen_with_low_confidence() {
        ObjectNode task = Tasks.classifyTask("zzz qqq", null);
        task.withArray("taxonomy").addObject().put("name", "other").put("definition", "anything else");

        ClassifyAnswerer.Choice choice = classify.choose(task);

        assertThat(choice.category()).isEqualTo("other");
        assertThat(choice.confidence()).isEqualTo(0.3);
    }

    @Test
    void confidence_stays_within_its_band_for_any_text() {
        Random random = new Random(7);
        String[] vocabulary = {"chest", "pain", "annual", "physical", "referred", "cardiology", "trauma", "follow",
                "appointment", "specialist", "the", "patient", "visit", "acute", "care"};
        for (int i = 0; i < 500; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 1 + random.nextInt(12); w++) {
                text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
            }
            assertThat(classify.choose(Tasks.classifyTask(text.toString(), null)).confidence())
                    .isBetween(0.3, 0.99);
        }
    }

    @Test
    void fault_triggers_never_sway_the_classification() {
        ClassifyAnswerer.Choice plain = classify.choose(Tasks.classifyTask("annual physical", null));
        ClassifyAnswerer.Choice marked = classify.choose(Tasks.classifyTask("annual physical [sim:slow]", null));

        assertThat(marked).isEqualTo(plain);
    }

    @Test
    void summaries_never_exceed_max_length() {
        String text = "First sentence is short. The second one is a little longer than the first. Third! "
                + "A fourth sentence, which goes on and on about nothing in particular, just to be long enough.";
        for (int max = 1; max <= text.length() + 10; max++) {
            JsonNode answer = summarize.answer(Tasks.summarizeTask(text, null, max), false);
            assertThat(answer.path("text").asText().length()).as("max_length %d", max).isLessThanOrEqualTo(max);
        }
    }

    @Test
    void summaries_keep_text_order_and_prefer_focus_sentences() {
        String text = "Alpha opens. Beta talks about billing. Gamma closes about billing too.";

        JsonNode focused = summarize.answer(Tasks.summarizeTask(text, "billing", 60), false);
        JsonNode leading = summarize.answer(Tasks.summarizeTask(text, null, 30), false);

        assertThat(focused.path("text").asText())
                .isEqualTo("Beta talks about billing. Gamma closes about billing too.");
        assertThat(leading.path("text").asText()).isEqualTo("Alpha opens.");
        assertThat(focused.path("reasoning").asText()).contains("billing");
    }

    @Test
    void a_missing_max_length_means_300() {
        ObjectNode task = Tasks.summarizeTask("x. ".repeat(400), null, 1);
        task.remove("max_length");

        assertThat(summarize.answer(task, false).path("text").asText().length()).isLessThanOrEqualTo(300);
    }

    @Test
    void stems_join_simple_inflections() {
        assertThat(Words.stems("Emergencies, pains and the referred")).containsExactly("emergency", "pain", "refer");
    }
}
