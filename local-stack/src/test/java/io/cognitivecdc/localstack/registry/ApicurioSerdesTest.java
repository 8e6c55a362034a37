package io.cognitivecdc.localstack.registry;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.pgEvent;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.localstack.SharedLocalStack;
import io.cognitivecdc.topology.EnrichmentSerdes;
import io.cognitivecdc.cdc.Op;
import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.TestPipelines;
import io.cognitivecdc.topology.EnrichedRowSchema;
import org.apache.avro.generic.GenericData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The topology's production serdes against the stack's real Apicurio Registry: Confluent framing with a 4-byte
 * content id, so that Connect's 2.x converter and ccompat clients resolve the same schema.
 */
@ExtendWith(SharedLocalStack.class)
class ApicurioSerdesTest {

    private final String registryUrl = SharedLocalStack.stack().registry().v3Url();
    private final String topic = "serdes-test-" + UUID.randomUUID();
    private final EnrichmentSerdes serdes = EnrichmentSerdes.apicurio(registryUrl);

    @AfterEach
    void closeSerdes() {
        serdes.close();
    }

    @Test
    void shouldWriteEnrichedRowWithConfluentFramingAndReadItBack() throws Exception {
        GenericRecord row;
        try (Pipeline pipeline = TestPipelines.visits(new FakeChatModel())) {
            row = new GenericData.Record(EnrichedRowSchema.of(pipeline));
        }
        row.put("category", "emergency");
        row.put("summary", "Seen in the ER.");
        row.put("enriched_by", "visit_type=fake/model");
        row.put("source_table", "public.visits");
        row.put("source_ts_ms", 1L);
        row.put("enriched_at_ms", 2L);

        byte[] bytes = serdes.enrichedRow().serializer().serialize(topic, row);
        GenericRecord read = serdes.enrichedRow().deserializer().deserialize(topic, bytes);

        assertThat(bytes[0]).isZero();
        assertThat(read.toString()).isEqualTo(row.toString());
        int contentId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        // The 2.6 Connect converter and ccompat clients must find the schema under the same 4-byte id.
        assertThat(ccompatSchema(contentId)).contains("EnrichedRow").contains("needs_review");
    }

    @Test
    void shouldReadDebeziumKeyAndEnvelopeAsGenericRecords() {
        GenericRecord key = key(PG_KEY, 7);
        GenericRecord envelope = pgEvent("c", null, row(PG_VALUE, 7, "Routine check."));

        GenericRecord readKey = serdes.key().deserializer()
                .deserialize(topic, serdes.key().serializer().serialize(topic, key));
        GenericRecord readEnvelope = serdes.envelope().deserializer()
                .deserialize(topic, serdes.envelope().serializer().serialize(topic, envelope));

        assertThat(readKey).isNotInstanceOf(SpecificRecord.class).isEqualTo(key);
        assertThat(ChangeEventParser.parse(readEnvelope).orElseThrow().op()).isEqualTo(Op.CREATE);
    }

    private String ccompatSchema(int id) throws Exception {
        String base = registryUrl.replaceAll("/apis/registry/v3/?$", "");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/apis/ccompat/v7/schemas/ids/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
