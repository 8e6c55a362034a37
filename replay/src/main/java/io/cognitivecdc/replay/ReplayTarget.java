package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Objects;

/**
 * The running topology instance that a replay works with, as its settings describe it: replay reads and writes its
 * topics with its Kafka settings, so the same bootstrap servers, security settings and client overrides apply.
 *
 * @param streams     the instance's Kafka Streams settings
 * @param registryUrl the schema registry its dead letters are written through
 * @param topics      its dead-letter, replay and replay-results topics
 * @param source      where these settings come from (the settings file), named in messages
 */
public record ReplayTarget(StreamsConfig streams, String registryUrl, DeadLetterConfig topics, String source) {

    /** Every part is required. */
    public ReplayTarget {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(registryUrl, "registryUrl");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(source, "source");
    }
}
