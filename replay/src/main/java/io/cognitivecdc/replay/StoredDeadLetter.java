package io.cognitivecdc.replay;

import io.cognitivecdc.schemas.DeadLetter;

import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * A dead letter as it lies on the dead-letter topic: where, its key and value bytes exactly as written (replay
 * republishes them unchanged), and the value decoded.
 *
 * @param partition  the dead-letter topic's partition
 * @param offset     its offset there
 * @param key        the record's key: the source record's key bytes, or null
 * @param value      the record's value: the {@link DeadLetter} as the registry serde wrote it
 * @param deadLetter the value decoded
 */
record StoredDeadLetter(int partition, long offset, byte[] key, byte[] value, DeadLetter deadLetter) {

    private static final int MESSAGE_WIDTH = 200;

    /** Oldest first: by failure time, then by position on the topic. */
    public static final Comparator<StoredDeadLetter> OLDEST_FIRST = Comparator
            .comparingLong((StoredDeadLetter l) -> l.deadLetter().getFailedAtMs())
            .thenComparingLong(StoredDeadLetter::offset)
            .thenComparingInt(StoredDeadLetter::partition);

    /**
     * The row this dead letter is about: its key JSON, else its key bytes; a record with neither is a row of its own.
     */
    public String row() {
        if (deadLetter.getKey() != null) {
            return "key " + deadLetter.getKey();
        }
        if (key != null) {
            return "bytes " + Base64.getEncoder().encodeToString(key);
        }
        return "record " + position();
    }

    /** {@code partition/offset} on the dead-letter topic. */
    public String position() {
        return partition + "/" + offset;
    }

    /** When the failure was recorded. */
    public Instant failedAt() {
        return Instant.ofEpochMilli(deadLetter.getFailedAtMs());
    }

    /** The row key for people: its JSON, or a note that it is unknown. */
    public String keyText() {
        return deadLetter.getKey() == null ? "(unknown key)" : deadLetter.getKey();
    }

    /**
     * One line for an operator: position, key, step, error type, time and the first line of the message, e.g.
     * {@code dead-letter 0/17  key {"id":42}  step summarizer  INVALID_OUTPUT  failed 2026-11-21T08:00:00Z  ...}.
     */
    public String describe() {
        String step = deadLetter.getStep() == null ? "-" : deadLetter.getStep();
        return "dead-letter " + position() + "  key " + keyText() + "  step " + step + "  "
                + deadLetter.getErrorType() + "  failed " + failedAt() + "  " + firstLine(deadLetter.getErrorMessage());
    }

    /** The first line of {@code message}, cut to a width that stays on one line. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() <= MESSAGE_WIDTH ? line : line.substring(0, MESSAGE_WIDTH - 1) + "…";
    }
}
