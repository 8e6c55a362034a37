package io.cognitivecdc.topology.internals;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The durable pending index of one task: arrival sequence number → row key, in a changelogged store, for every row
 * that is PENDING. It is the work list after a restart, and the backlog beyond the in-flight bound: that backlog
 * costs store space, not memory.
 *
 * <p>A cursor separates the entries already handed out (they are in flight) from those that wait, so that finding
 * the next rows to start reads only those rows, never the ones before them. An entry leaves the index when its row
 * finishes, fails, is superseded or deleted; a row sent back to wait (a passing failure) is appended again at the end.
 */
public final class PendingIndex {

    private static final Logger log = LoggerFactory.getLogger(PendingIndex.class);

    private final KeyValueStore<Long, Bytes> store;
    private long nextSeq;
    private long cursor;
    private long size;

    private PendingIndex(KeyValueStore<Long, Bytes> store, long firstSeq, long nextSeq, long size) {
        this.store = store;
        this.cursor = firstSeq;
        this.nextSeq = nextSeq;
        this.size = size;
    }

    /**
     * Opens the index over what the store holds (after a start, restore or rebalance): every entry waits, so every
     * pending row is started again.
     *
     * @param task the task the index belongs to, for the log
     */
    public static PendingIndex open(KeyValueStore<Long, Bytes> store, TaskId task) {
        long first = -1;
        long last = -1;
        long count = 0;
        try (KeyValueIterator<Long, Bytes> all = store.all()) {
            while (all.hasNext()) {
                last = all.next().key;
                if (first < 0) {
                    first = last;
                }
                count++;
            }
        }
        if (count > 0) {
            log.info("Task {} resumes {} pending row(s)", task, count);
        }
        return new PendingIndex(store, Math.max(first, 0), last + 1, count);
    }

    /** Appends a row at the end of the index; returns its sequence number. */
    public long append(Bytes key) {
        long seq = nextSeq++;
        store.put(seq, key);
        size++;
        return seq;
    }

    /** Takes an entry out of the index, wherever it is. */
    public void remove(long seq) {
        store.delete(seq);
        size--;
    }

    /** Pending rows, in flight or waiting. */
    public long size() {
        return size;
    }

    /** Whether some entry waits to be handed out. */
    public boolean hasWaiting() {
        return cursor < nextSeq;
    }

    /**
     * Hands out the entry just appended when nothing older waits: the common case of a row that can start at once,
     * which then costs no read of the index.
     */
    public boolean handOut(long seq) {
        if (cursor != seq) {
            return false;
        }
        cursor = seq + 1;
        return true;
    }

    /** Hands out up to {@code max} waiting entries, oldest first. */
    public List<KeyValue<Long, Bytes>> take(int max) {
        List<KeyValue<Long, Bytes>> taken = new ArrayList<>(Math.min(max, 1024));
        if (max <= 0 || !hasWaiting()) {
            return taken;
        }
        try (KeyValueIterator<Long, Bytes> waiting = store.range(cursor, nextSeq - 1)) {
            while (taken.size() < max && waiting.hasNext()) {
                KeyValue<Long, Bytes> entry = waiting.next();
                taken.add(entry);
                cursor = entry.key + 1;
            }
            if (!waiting.hasNext()) {
                cursor = nextSeq;
            }
        }
        return taken;
    }
}
