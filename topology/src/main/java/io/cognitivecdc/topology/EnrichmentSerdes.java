package io.cognitivecdc.topology;

import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroSerde;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/**
 * The serdes of the topology: the Debezium key (passed through to the output as the sink's primary key), the
 * Debezium envelope, the enriched row we write (its schema follows the pipeline's columns, see
 * {@link EnrichedRowSchema}), and the dead letter ({@link io.cognitivecdc.schemas.DeadLetter}).
 *
 * <p>Production uses {@link #apicurio(String)}; tests pass in-memory serdes to the constructor. The serdes must be
 * configured already. Whoever owns this object closes it, after Kafka Streams (which never closes serdes it is given).
 *
 * @param key         serde of the Debezium key, a record of the primary-key columns
 * @param envelope    serde of the Debezium change-event envelope
 * @param enrichedRow serde of the enriched row
 * @param deadLetter  serde of the dead letter; it reads {@code GenericRecord}s, which
 *                    {@link io.cognitivecdc.deadletter.DeadLetters#fromGeneric} turns into {@code DeadLetter}s
 */
public record EnrichmentSerdes(Serde<GenericRecord> key, Serde<GenericRecord> envelope, Serde<GenericRecord> enrichedRow,
                               Serde<GenericRecord> deadLetter)
        implements AutoCloseable {

    /** Checks that all four serdes are given. */
    public EnrichmentSerdes {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(enrichedRow, "enrichedRow");
        Objects.requireNonNull(deadLetter, "deadLetter");
    }

    /**
     * The Apicurio serde settings of the topology: Confluent framing (magic byte 0 and a 4-byte content id, no Kafka
     * headers) and schemas registered on first use. The Connect converters of the Debezium source and the JDBC sink
     * must agree: the same settings, except that the 2.6 converter takes the registry's {@code /apis/registry/v2} URL
     * and calls the id handler {@code io.apicurio.registry.serde.Legacy4ByteIdHandler}, the 2.x name of
     * {@link Default4ByteIdHandler}.
     *
     * <p>Headers stay off on both sides: Streams forwards input headers and the serializer would add its own, so the
     * sink would read a duplicate id header. Content ids (not global ids) on both sides, or one side can decode with
     * the wrong schema.
     *
     * @param registryUrl base URL of the registry's v3 API, e.g. {@code http://127.0.0.1:8080/apis/registry/v3}
     */
    public static Map<String, String> registryConfig(String registryUrl) {
        return Map.of(
                SerdeConfig.REGISTRY_URL, registryUrl,
                SerdeConfig.AUTO_REGISTER_ARTIFACT, "true",
                SerdeConfig.FIND_LATEST_ARTIFACT, "true",
                SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName(),
                SerdeConfig.USE_ID, IdOption.contentId.name(),
                KafkaSerdeConfig.ENABLE_HEADERS, "false");
    }

    /**
     * Apicurio Registry serdes configured with {@link #registryConfig(String)}; all four read and write
     * {@link GenericRecord}s.
     *
     * @param registryUrl base URL of the registry's v3 API
     */
    public static EnrichmentSerdes apicurio(String registryUrl) {
        Map<String, String> config = registryConfig(registryUrl);
        return new EnrichmentSerdes(
                avroSerde(config, true),
                avroSerde(config, false),
                avroSerde(config, false),
                avroSerde(config, false));
    }

    /**
     * Apicurio Registry serdes for the registry named by {@value TopologyConfig#SCHEMA_REGISTRY_URL_CONFIG}.
     *
     * @throws ConfigException if that setting is missing
     */
    public static EnrichmentSerdes apicurio(TopologyConfig config) {
        String url = config.schemaRegistryUrl().orElseThrow(() -> new ConfigException(
                TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG, null, "is required for the Apicurio Registry serdes"));
        return apicurio(url);
    }

    private static <T> Serde<T> avroSerde(Map<String, String> registryConfig, boolean isKey) {
        Map<String, String> config = new HashMap<>(registryConfig);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, "false");
        AvroSerde<T> serde = new AvroSerde<>();
        serde.configure(config, isKey);
        return serde;
    }

    /** Closes the serdes and the registry clients they hold. */
    @Override
    public void close() {
        key.close();
        envelope.close();
        enrichedRow.close();
        deadLetter.close();
    }
}
