package io.cognitivecdc.deadletter;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;

/**
 * Where dead letters and replays go, read from the Kafka Streams settings. Every topic defaults to a name derived from
 * {@code application.id}, so two pipelines on one cluster never share them.
 *
 * <ul>
 *   <li>the dead-letter topic ({@value #DEAD_LETTER_TOPIC_CONFIG}, KIP-1034's own setting): key = the source record's
 *       key bytes, value = an Avro {@code DeadLetter} through the schema registry;
 *   <li>the replay topic: what {@code cognitive-cdc replay} republishes; the topology consumes it beside the CDC topics,
 *       so it has as many partitions as they do and is keyed the same way;
 *   <li>the replay-results topic: one {@link ReplayOutcome} per replayed record, which the replay command waits for.
 * </ul>
 */
public final class DeadLetterConfig extends AbstractConfig {

    private static final String DEFAULT_APPLICATION_ID = "cognitive-cdc";

    public static final String DEAD_LETTER_TOPIC_CONFIG = StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG;
    private static final String DEAD_LETTER_TOPIC_DOC = "Topic of the records that cannot be enriched (Avro "
            + "DeadLetter). Defaults to <application.id>.dead-letter.";

    public static final String REPLAY_TOPIC_CONFIG = "enrichment.replay.topic";
    private static final String REPLAY_TOPIC_DOC = "Topic that the replay command republishes dead letters to and the "
            + "topology consumes. Defaults to <application.id>.replay.";

    public static final String REPLAY_RESULTS_TOPIC_CONFIG = "enrichment.replay.results.topic";
    private static final String REPLAY_RESULTS_TOPIC_DOC = "Topic of the outcome of every replayed record (replayed, "
            + "stale, failed again), read by the replay command. Defaults to <application.id>.replay-results.";

    public static final String CREATE_TOPICS_CONFIG = "enrichment.dead.letter.topics.create";
    private static final String CREATE_TOPICS_DOC = "Whether the instance creates the dead-letter, replay and "
            + "replay-results topics on start when they are missing (replay with as many partitions as the CDC topics). "
            + "Turn off where the application may not create topics, and create them beforehand.";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(StreamsConfig.APPLICATION_ID_CONFIG, Type.STRING, DEFAULT_APPLICATION_ID, Importance.HIGH,
                    "The Kafka Streams application.id (which Kafka Streams requires; the default only serves a "
                            + "topology built without settings, as in tests).")
            .define(DEAD_LETTER_TOPIC_CONFIG, Type.STRING, null, Importance.MEDIUM, DEAD_LETTER_TOPIC_DOC)
            .define(REPLAY_TOPIC_CONFIG, Type.STRING, null, Importance.LOW, REPLAY_TOPIC_DOC)
            .define(REPLAY_RESULTS_TOPIC_CONFIG, Type.STRING, null, Importance.LOW, REPLAY_RESULTS_TOPIC_DOC)
            .define(CREATE_TOPICS_CONFIG, Type.BOOLEAN, true, Importance.LOW, CREATE_TOPICS_DOC);

    /** @throws ConfigException if a value is not a string */
    public DeadLetterConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
    }

    public String applicationId() {
        return getString(StreamsConfig.APPLICATION_ID_CONFIG);
    }

    public String deadLetterTopic() {
        return orDefault(DEAD_LETTER_TOPIC_CONFIG, ".dead-letter");
    }

    public String replayTopic() {
        return orDefault(REPLAY_TOPIC_CONFIG, ".replay");
    }

    public String replayResultsTopic() {
        return orDefault(REPLAY_RESULTS_TOPIC_CONFIG, ".replay-results");
    }

    public boolean createTopics() {
        return getBoolean(CREATE_TOPICS_CONFIG);
    }

    private String orDefault(String key, String suffix) {
        String value = getString(key);
        return value == null || value.isBlank() ? applicationId() + suffix : value;
    }
}
