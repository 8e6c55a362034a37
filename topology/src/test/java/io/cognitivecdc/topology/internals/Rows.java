package io.cognitivecdc.topology.internals;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.Op;
import io.cognitivecdc.cdc.SourceInfo;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.state.EnrichmentStates;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;

/** Pending states of rows of the test pipeline's visits table. */
final class Rows {

    private Rows() {
    }

    static Bytes key(int id) {
        return Bytes.wrap(("{\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8));
    }

    static EnrichmentState pending(int id, String notes) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", id);
        after.put("patient_name", "Patient " + id);
        after.put("clinical_notes", notes);
        ChangeEvent event = new ChangeEvent(Op.CREATE, null, after,
                new SourceInfo("postgresql", "clinic", "public", "visits", String.format("%016x", id), 1_000L), 1_010L);
        return EnrichmentStates.pending(Map.of("id", id), event, "pg.public.visits", 0, (long) id, 5_000L);
    }
}
