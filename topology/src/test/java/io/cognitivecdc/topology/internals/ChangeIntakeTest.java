package io.cognitivecdc.topology.internals;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.pgEvent;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cognitivecdc.cdc.InvalidChangeEventException;
import io.cognitivecdc.cdc.Op;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeIntakeTest {

    @Test
    void shouldReadACreateWithItsRow() {
        assertThat(ChangeIntake.read(key(PG_KEY, 7), pgEvent("c", null, row(PG_VALUE, 7, "Notes.")), Optional.empty()))
                .hasValueSatisfying(event -> assertThat(event.op()).isEqualTo(Op.CREATE));
    }

    @Test
    void shouldIgnoreDebeziumsTombstoneAfterADelete() {
        assertThat(ChangeIntake.read(key(PG_KEY, 7), null, Optional.empty())).isEmpty();
    }

    @Test
    void shouldIgnoreATruncate() {
        assertThat(ChangeIntake.read(null, pgEvent("t", null, null), Optional.empty())).isEmpty();
    }

    @Test
    void shouldRefuseAChangeWithoutAKey() {
        assertThatThrownBy(() -> ChangeIntake.read(null, pgEvent("c", null, row(PG_VALUE, 7, "Notes.")),
                Optional.empty()))
                .isInstanceOf(InvalidChangeEventException.class)
                .hasMessageContaining("does the table have a primary key?");
    }
}
