package io.cognitivecdc.pipeline.definition;

import io.cognitivecdc.settings.Settings;

import java.util.List;
import java.util.Set;

/**
 * The {@code source} and {@code enriched} sections: the CDC topics to read and the topic the enriched rows go to.
 *
 * <pre>
 * source:   { topics: [cdc.public.encounters] }
 * enriched: { topic: cdc.enriched.encounters }
 * </pre>
 */
public final class TopicsDefinition {

    private TopicsDefinition() {
    }

    /** {@code source.topics} of the definition's top level; empty, the problem reported, when there are none. */
    public static List<String> sourceTopics(Settings root) {
        Settings source = root.requiredMapping("source");
        if (source == null) {
            return List.of();
        }
        source.rejectUnknown(Set.of("topics"));
        int problemsBefore = source.problems().size();
        List<String> topics = source.strings("topics");
        // An entry that is no topic was reported already; "missing" would only repeat it less precisely.
        if (topics.isEmpty() && source.problems().size() == problemsBefore) {
            source.problems().add(source.pathOf("topics"), "missing or empty; list the CDC topics to enrich");
        }
        return topics;
    }

    /** {@code enriched.topic}, which must not be one of the {@code sourceTopics}; empty when it is missing. */
    public static String enrichedTopic(Settings root, List<String> sourceTopics) {
        Settings enriched = root.requiredMapping("enriched");
        if (enriched == null) {
            return "";
        }
        enriched.rejectUnknown(Set.of("topic"));
        String topic = enriched.requiredString("topic");
        if (sourceTopics.contains(topic)) {
            enriched.problems().add(enriched.pathOf("topic"), "'" + topic
                    + "' is also a source topic; the pipeline would read its own output");
        }
        return topic;
    }
}
