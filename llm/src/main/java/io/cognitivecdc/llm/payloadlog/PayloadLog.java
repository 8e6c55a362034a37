package io.cognitivecdc.llm.payloadlog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link PayloadLoggingChatModel} writes one JSON line per model call (the seeds' {@code llm_payloads.jsonl}).
 *
 * <p>Off by default: {@link Builder#build()} returns {@link #disabled()} unless {@link Builder#enabled(boolean)} was
 * set, and {@link PayloadLoggingChatModel#wrap} does not wrap at all then. Implementations are thread-safe. A payload
 * log never sees credentials — it gets requests and answers, not HTTP headers — and configured fields are redacted
 * before anything is written.
 */
public interface PayloadLog extends AutoCloseable {

    /** Default cap on one string value in a line. */
    int DEFAULT_TRUNCATE = 2000;

    /** Whether calls are recorded at all. */
    boolean isEnabled();

    /** Appends one call. Never throws for I/O problems: logging must not fail the enrichment it describes. */
    void record(PayloadEntry entry);

    /** Flushes and releases the file. */
    @Override
    void close();

    /** A log that records nothing. */
    static PayloadLog disabled() {
        return DisabledPayloadLog.INSTANCE;
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a log from the {@code payload-log} section of a configuration: {@code enabled} (boolean, default false),
     * {@code file} (path, default {@code logs/llm_payloads.jsonl}), {@code redact} (list of field names),
     * {@code truncate} (max characters per string, default {@value #DEFAULT_TRUNCATE}).
     *
     * @throws IllegalArgumentException naming the key that is wrong
     */
    static PayloadLog fromSettings(Map<String, ?> settings) {
        Builder builder = builder();
        Object enabled = settings.get("enabled");
        if (enabled != null) {
            if (!(enabled instanceof Boolean) && !"true".equalsIgnoreCase(String.valueOf(enabled))
                    && !"false".equalsIgnoreCase(String.valueOf(enabled))) {
                throw new IllegalArgumentException("payload-log.enabled: must be true or false, got '" + enabled + "'");
            }
            builder.enabled(Boolean.parseBoolean(String.valueOf(enabled)));
        }
        Object file = settings.get("file");
        if (file != null) {
            builder.file(Path.of(String.valueOf(file)));
        }
        Object redact = settings.get("redact");
        if (redact != null) {
            if (!(redact instanceof Collection<?> fields)) {
                throw new IllegalArgumentException("payload-log.redact: must be a list of field names");
            }
            builder.redact(fields.stream().map(String::valueOf).toList());
        }
        Object truncate = settings.get("truncate");
        if (truncate != null) {
            try {
                builder.truncate(Integer.parseInt(String.valueOf(truncate).trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("payload-log.truncate: must be a positive whole number of "
                        + "characters, got '" + truncate + "'");
            }
        }
        return builder.build();
    }

    /** Configures a JSON-lines payload log. */
    final class Builder {
        private boolean enabled;
        private Path file = Path.of("logs", "llm_payloads.jsonl");
        private final List<String> redact = new ArrayList<>();
        private int truncate = DEFAULT_TRUNCATE;

        private Builder() {
        }

        /** Off unless set: payloads hold row data. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The JSON-lines file, appended to; parent directories are created. */
        public Builder file(Path file) {
            this.file = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Field names whose values are replaced by {@code "[REDACTED]"} wherever they occur: in the task JSON, in
         * message contents that are JSON, and in answers that are JSON (at any depth).
         */
        public Builder redact(Collection<String> fieldNames) {
            fieldNames.forEach(name -> redact.add(Objects.requireNonNull(name, "field name")));
            return this;
        }

        /** Longest string value kept; longer ones are cut and marked {@code …[truncated N chars]}. */
        public Builder truncate(int maxChars) {
            if (maxChars < 1) {
                throw new IllegalArgumentException("truncate must be at least 1, got " + maxChars);
            }
            this.truncate = maxChars;
            return this;
        }

        /** A file-backed log when enabled, otherwise {@link #disabled()}. */
        public PayloadLog build() {
            if (!enabled) {
                return disabled();
            }
            return new JsonLinesPayloadLog(file, new PayloadLineFormatter(redact, truncate));
        }
    }
}
