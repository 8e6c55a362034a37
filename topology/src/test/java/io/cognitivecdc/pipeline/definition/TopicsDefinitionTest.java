package io.cognitivecdc.pipeline.definition;

import static io.cognitivecdc.pipeline.definition.DefinitionSections.messages;
import static io.cognitivecdc.pipeline.definition.DefinitionSections.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsDefinitionTest {

    private final Problems problems = new Problems();

    private Settings root(String text) {
        return new Settings("", (Map<?, ?>) yaml(text), problems);
    }

    @Test
    void shouldReadSourceTopicsAndEnrichedTopic() {
        Settings root = root("{ source: { topics: [a, b] }, enriched: { topic: out } }");

        List<String> sources = TopicsDefinition.sourceTopics(root);

        assertThat(sources).containsExactly("a", "b");
        assertThat(TopicsDefinition.enrichedTopic(root, sources)).isEqualTo("out");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void shouldReportPathWhenSectionsAreMissingOrNoMappings() {
        Settings root = root("{ source: [a] }");

        TopicsDefinition.enrichedTopic(root, TopicsDefinition.sourceTopics(root));

        assertThat(messages(problems)).containsExactly("source: must be a mapping, was a list",
                "enriched: missing; it is required");
    }

    @Test
    void shouldReportTheWrongTopicEntryRatherThanMissingTopics() {
        assertThat(TopicsDefinition.sourceTopics(root("{ source: { topics: [\"\"], topic: a } }"))).isEmpty();

        assertThat(messages(problems)).containsExactly(
                "source.topic: unknown setting; known settings here are [topics]",
                "source.topics[0]: must be a non-empty text, was blank");
    }

    @Test
    void shouldReportMissingTopicsWhenTheListIsEmpty() {
        TopicsDefinition.sourceTopics(root("{ source: { topics: [] } }"));

        assertThat(messages(problems))
                .containsExactly("source.topics: missing or empty; list the CDC topics to enrich");
    }
}
