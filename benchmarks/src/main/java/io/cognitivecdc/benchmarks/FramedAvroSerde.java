package io.cognitivecdc.benchmarks;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registry-less Avro serdes in Confluent framing (magic byte 0, 4-byte schema id, Avro binary); the ids live in an
 * in-JVM {@link Store}, so producer, topology and consumer must share one store (they do: one benchmark JVM).
 */
public final class FramedAvroSerde {

    private FramedAvroSerde() {
    }

    /** The schema ids of one benchmark JVM; producer, topology and consumer share it. */
    public static final class Store {
        private final List<Schema> schemas = new ArrayList<>();
        private final Map<Schema, Integer> ids = new ConcurrentHashMap<>();

        synchronized int idOf(Schema schema) {
            Integer id = ids.get(schema);
            if (id == null) {
                schemas.add(schema);
                id = schemas.size();
                ids.put(schema, id);
            }
            return id;
        }

        synchronized Schema schemaOf(int id) {
            if (id < 1 || id > schemas.size()) {
                throw new SerializationException("unknown schema id " + id);
            }
            return schemas.get(id - 1);
        }

        /** A serde that frames with, and reads by, this store's ids. */
        public Serde<GenericRecord> serde() {
            return Serdes.serdeFrom((topic, record) -> {
                if (record == null) {
                    return null;
                }
                try {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
                    out.write(0);
                    out.write(ByteBuffer.allocate(4).putInt(idOf(record.getSchema())).array());
                    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
                    encoder.flush();
                    return out.toByteArray();
                } catch (IOException e) {
                    throw new SerializationException(e);
                }
            }, (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                if (buffer.remaining() < 5 || buffer.get() != 0) {
                    throw new SerializationException("not framed Avro: " + bytes.length + " bytes");
                }
                Schema writer = schemaOf(buffer.getInt());
                try {
                    return new GenericDatumReader<GenericRecord>(writer).read(null, DecoderFactory.get()
                            .binaryDecoder(bytes, buffer.position(), buffer.remaining(), null));
                } catch (IOException e) {
                    throw new SerializationException(e);
                }
            });
        }
    }
}
