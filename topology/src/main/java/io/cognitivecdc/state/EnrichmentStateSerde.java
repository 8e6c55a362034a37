package io.cognitivecdc.state;

import io.cognitivecdc.cdc.ByteBuffers;
import io.cognitivecdc.schemas.EnrichmentState;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The state store's serde: Avro single-object encoding (a schema fingerprint, then the binary record), so that the
 * store and its changelog need no registry and a reader can tell which schema version wrote an entry.
 */
public final class EnrichmentStateSerde implements Serde<EnrichmentState> {

    @Override
    public Serializer<EnrichmentState> serializer() {
        return (topic, state) -> {
            if (state == null) {
                return null;
            }
            try {
                return ByteBuffers.toByteArray(state.toByteBuffer());
            } catch (IOException e) {
                throw new SerializationException("cannot write the enrichment state of " + state.getKey(), e);
            }
        };
    }

    @Override
    public Deserializer<EnrichmentState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return EnrichmentState.fromByteBuffer(ByteBuffer.wrap(bytes));
            } catch (IOException e) {
                throw new SerializationException("cannot read an enrichment state from " + topic, e);
            }
        };
    }
}
