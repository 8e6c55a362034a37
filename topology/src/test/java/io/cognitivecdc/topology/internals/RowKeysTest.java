package io.cognitivecdc.topology.internals;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.topology.InMemorySchemaStore;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class RowKeysTest {

    private final Serde<GenericRecord> serde = new InMemorySchemaStore().genericSerde();
    private final RowKeys keys = new RowKeys(serde, "pg.public.visits");

    @Test
    void shouldGiveTheSameRowTheSameStoreKeyAndDecodeItBack() {
        Bytes stored = keys.storeKey("pg.public.visits", key(PG_KEY, 7));

        assertThat(keys.storeKey("pg.public.visits", key(PG_KEY, 7))).isEqualTo(stored);
        assertThat(keys.storeKey("pg.public.visits", key(PG_KEY, 8))).isNotEqualTo(stored);
        EnrichmentState state = Rows.pending(7, "notes");
        assertThat(keys.keyRecord(state, stored).get("id")).isEqualTo(7);
    }

    @Test
    void shouldFallBackToThePipelinesFirstTopicForRowsThatNameNone() {
        assertThat(keys.topicOf(null)).isEqualTo("pg.public.visits");
        assertThat(keys.topicOf("sqlserver.dbo.visits")).isEqualTo("sqlserver.dbo.visits");
    }

    @Test
    void shouldShowTheKeyAsJsonOfItsColumns() {
        assertThat(RowKeys.json(key(PG_KEY, 7))).isEqualTo("{\"id\":7}");
    }
}
