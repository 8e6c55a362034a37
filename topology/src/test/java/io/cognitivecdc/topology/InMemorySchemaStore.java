package io.cognitivecdc.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A registry in a list, and Avro serdes that use it with the same framing as production (magic byte 0, 4-byte schema
 * id, Avro binary), so TopologyTestDriver tests need no registry process.
 */
public final class InMemorySchemaStore {

    private static final byte MAGIC_BYTE = 0;

    private final List<Schema> schemas = new ArrayList<>();

    /** A serde that reads records back as {@code GenericRecord}, like the production serdes. */
    public <T extends GenericContainer> Serde<T> genericSerde() {
        return Serdes.serdeFrom(serializer(), deserializer());
    }

    private synchronized int idOf(Schema schema) {
        int index = schemas.indexOf(schema);
        if (index < 0) {
            schemas.add(schema);
            index = schemas.size() - 1;
        }
        return index + 1;
    }

    private synchronized Schema schemaOf(int id) {
        if (id < 1 || id > schemas.size()) {
            throw new SerializationException("unknown schema id " + id);
        }
        return schemas.get(id - 1);
    }

    private <T extends GenericContainer> Serializer<T> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(MAGIC_BYTE);
                out.write(ByteBuffer.allocate(4).putInt(idOf(record.getSchema())).array());
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                // SpecificDatumWriter writes generic records too.
                new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
                encoder.flush();
                return out.toByteArray();
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }

    private <T> Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            if (buffer.remaining() < 5 || buffer.get() != MAGIC_BYTE) {
                throw new SerializationException("not Avro with a schema id: " + bytes.length + " bytes");
            }
            Schema writer = schemaOf(buffer.getInt());
            try {
                return new GenericDatumReader<T>(writer).read(null, DecoderFactory.get()
                        .binaryDecoder(bytes, buffer.position(), buffer.remaining(), null));
            } catch (IOException e) {
                throw new SerializationException(e);
            }
        };
    }
}
