package io.cognitivecdc.topology.internals;

import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.state.EnrichmentStates;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * A row's identity in the state stores: its Debezium key as the key serde writes it for the CDC topic. One place,
 * so that the processor, replay and recovery always agree on it.
 */
public final class RowKeys {

    private final Serde<GenericRecord> keySerde;
    private final String defaultTopic;

    /** @param defaultTopic the CDC topic of rows that do not name theirs (the pipeline's first source topic) */
    public RowKeys(Serde<GenericRecord> keySerde, String defaultTopic) {
        this.keySerde = keySerde;
        this.defaultTopic = defaultTopic;
    }

    /** The CDC topic a row came from, or the default one when not known. */
    public String topicOf(String cdcTopic) {
        return cdcTopic == null ? defaultTopic : cdcTopic;
    }

    /** The Debezium key of the row stored under {@code storeKey}. */
    public GenericRecord keyRecord(EnrichmentState state, Bytes storeKey) {
        return decode(topicOf(state.getSourceVersion().getTopic()), storeKey.get());
    }

    /** The store key of the row whose Debezium key is {@code key}, read from {@code cdcTopic}. */
    public Bytes storeKey(String cdcTopic, GenericRecord key) {
        return Bytes.wrap(keySerde.serializer().serialize(cdcTopic, key));
    }

    /** The Debezium key back from a store key or from key bytes of a record of {@code cdcTopic}. */
    public GenericRecord decode(String cdcTopic, byte[] bytes) {
        return keySerde.deserializer().deserialize(cdcTopic, bytes);
    }

    /** The row key as JSON text, as operators see it in logs, dead letters and replay outcomes. */
    public static String json(GenericRecord key) {
        return EnrichmentStates.toJson(ChangeEventParser.keyColumns(key));
    }
}
