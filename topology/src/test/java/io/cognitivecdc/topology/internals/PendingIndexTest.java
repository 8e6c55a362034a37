package io.cognitivecdc.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class PendingIndexTest {

    private final KeyValueStore<Long, Bytes> store = Fixtures.inMemory("pending", Serdes.Long(), Serdes.Bytes());

    private static Bytes row(String id) {
        return Bytes.wrap(id.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> rows(List<KeyValue<Long, Bytes>> entries) {
        return entries.stream().map(e -> new String(e.value.get(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void shouldHandOutWaitingRowsOldestFirstAndEachOnlyOnce() {
        PendingIndex index = PendingIndex.open(store, new TaskId(0, 0));
        for (String id : List.of("a", "b", "c", "d", "e")) {
            index.append(row(id));
        }

        assertThat(rows(index.take(2))).containsExactly("a", "b");
        assertThat(rows(index.take(10))).containsExactly("c", "d", "e");
        assertThat(index.take(10)).isEmpty();
        assertThat(index.hasWaiting()).isFalse();
        assertThat(index.size()).as("handed-out rows stay pending until they end").isEqualTo(5);
    }

    @Test
    void shouldHandOutTheNewestRowWithoutReadingTheStoreOnlyWhenNothingOlderWaits() {
        PendingIndex index = PendingIndex.open(store, new TaskId(0, 0));
        long first = index.append(row("a"));
        assertThat(index.handOut(first)).isTrue();

        long second = index.append(row("b"));
        long third = index.append(row("c"));
        assertThat(index.handOut(third)).as("b is older and still waits").isFalse();
        assertThat(rows(index.take(10))).containsExactly("b", "c");
        assertThat(index.handOut(second)).isFalse();
    }

    @Test
    void shouldSkipRemovedRowsAndServeARowSentBackAfterTheOthers() {
        PendingIndex index = PendingIndex.open(store, new TaskId(0, 0));
        long a = index.append(row("a"));
        long b = index.append(row("b"));
        index.append(row("c"));
        assertThat(rows(index.take(1))).containsExactly("a");

        index.remove(b); // superseded before it started
        index.remove(a); // sent back after a passing failure ...
        index.append(row("a")); // ... goes to the end

        assertThat(rows(index.take(10))).containsExactly("c", "a");
        assertThat(index.size()).isEqualTo(2);
        assertThat(store.approximateNumEntries()).isEqualTo(2);
    }

    @Test
    void shouldOfferEveryStoredRowAgainWhenReopenedAfterARestart() {
        PendingIndex before = PendingIndex.open(store, new TaskId(0, 0));
        for (String id : List.of("a", "b", "c")) {
            before.append(row(id));
        }
        before.take(3);
        before.remove(0L);

        PendingIndex after = PendingIndex.open(store, new TaskId(0, 0));

        assertThat(after.size()).isEqualTo(2);
        assertThat(rows(after.take(10))).containsExactly("b", "c");
        assertThat(after.append(row("d"))).as("numbering goes on after the last stored entry").isEqualTo(3L);
    }

    @Test
    void shouldCompareSequenceNumbersPastTheSmallIntegerCache() {
        PendingIndex index = PendingIndex.open(store, new TaskId(0, 0));
        for (int i = 0; i < 300; i++) {
            index.append(row("r" + i));
        }
        List<KeyValue<Long, Bytes>> taken = index.take(300);

        assertThat(taken).hasSize(300);
        assertThat(taken.get(299).key).isEqualTo(299L);
    }
}
