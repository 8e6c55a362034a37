package io.cognitivecdc.deadletter;

import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.schemas.EnrichmentState;
import io.micrometer.core.instrument.Metrics;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.io.DecoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Properties;

/**
 * Builds {@link DeadLetter}s, counting each in the metric {@value #METRIC}, and reads them back from the generic
 * records the registry serde returns.
 */
public final class DeadLetters {

    /** Counter of dead letters written, tagged with {@code error_type} and {@code step} ("none" outside a step). */
    public static final String METRIC = "cognitive_cdc_dead_letters";

    /** The version of cognitive-cdc recorded in every dead letter. */
    public static final String APP_VERSION = readVersion();

    /**
     * Longest text value of the row's input kept in a dead letter's state. Replay resumes from the state store, not
     * from the dead letter, so a cut here loses nothing; it keeps a huge input (the usual reason for INPUT_TOO_LARGE)
     * from making the dead letter itself too large to write.
     */
    public static final int MAX_STATE_TEXT_CHARS = 64 * 1024;

    private DeadLetters() {
    }

    /**
     * A dead letter for a row whose step failed for good, carrying the row's partial state (its raw input and the steps
     * that did finish) so that an operator sees where it stopped.
     *
     * @param state a copy of the row's state, which this method may change: text values longer than
     *              {@link #MAX_STATE_TEXT_CHARS} are cut
     */
    public static DeadLetter forStep(EnrichmentState state, String step, String errorType, String message,
                                     List<String> validationErrors, int attempts, String applicationId, long nowMs) {
        count(errorType, step);
        var source = state.getSourceVersion();
        state.getRaw().replaceAll((column, value) -> value instanceof CharSequence text
                && text.length() > MAX_STATE_TEXT_CHARS
                ? text.subSequence(0, MAX_STATE_TEXT_CHARS) + "…[cut: " + text.length() + " characters in all]"
                : value);
        return DeadLetter.newBuilder()
                .setKey(state.getKey())
                .setStep(step)
                .setErrorType(errorType)
                .setErrorMessage(message == null ? errorType : message)
                .setValidationErrors(List.copyOf(validationErrors))
                .setAttempts(attempts)
                .setSourceTopic(source.getTopic())
                .setSourcePartition(source.getPartition())
                .setSourceOffset(source.getOffset())
                .setState(state)
                .setFailedAtMs(nowMs)
                .setApplicationId(applicationId)
                .setAppVersion(APP_VERSION)
                .setReplayId(state.getReplayId())
                .build();
    }

    /**
     * A dead letter for a source record that could not be decoded or processed at all, carrying its original bytes.
     *
     * @param key the row key as JSON text, if it could be read; otherwise null
     */
    public static DeadLetter forRecord(String key, String errorType, String message, String topic, int partition,
                                       long offset, byte[] rawKey, byte[] rawValue, String applicationId,
                                       String replayId, long nowMs) {
        count(errorType, null);
        return DeadLetter.newBuilder()
                .setKey(key)
                .setErrorType(errorType)
                .setErrorMessage(message == null ? errorType : message)
                .setSourceTopic(topic)
                .setSourcePartition(partition < 0 ? null : partition)
                .setSourceOffset(offset < 0 ? null : offset)
                .setSourceKey(rawKey == null ? null : ByteBuffer.wrap(rawKey))
                .setSourceValue(rawValue == null ? null : ByteBuffer.wrap(rawValue))
                .setFailedAtMs(nowMs)
                .setApplicationId(applicationId)
                .setAppVersion(APP_VERSION)
                .setReplayId(replayId)
                .build();
    }

    /**
     * The {@link DeadLetter} in a record read through a generic serde. Re-encoding with the record's own schema and
     * decoding into the generated class also resolves older or newer versions of the schema.
     *
     * @throws IllegalArgumentException if the record is not a dead letter
     */
    public static DeadLetter fromGeneric(GenericRecord record) {
        if (record instanceof DeadLetter deadLetter) {
            return deadLetter;
        }
        if (!DeadLetter.getClassSchema().getFullName().equals(record.getSchema().getFullName())) {
            throw new IllegalArgumentException("not a dead letter but a " + record.getSchema().getFullName());
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            SpecificDatumReader<DeadLetter> reader =
                    new SpecificDatumReader<>(record.getSchema(), DeadLetter.getClassSchema());
            return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void count(String errorType, String step) {
        Metrics.counter(METRIC, "error_type", errorType, "step", step == null ? "none" : step).increment();
    }

    private static String readVersion() {
        try (InputStream in = DeadLetters.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "development";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }
}
