package io.cognitivecdc.pipeline.definition;

import io.cognitivecdc.llm.payloadlog.PayloadLog;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The optional {@code payload_log} section: one JSON line per model call, off unless {@code enabled: true}.
 *
 * <pre>
 * payload_log:
 *   enabled: true
 *   file: logs/llm_payloads.jsonl
 *   redact: [patient_name]
 *   truncate: 2000
 * </pre>
 */
public final class PayloadLogDefinition {

    static final String KEY = "payload_log";

    private PayloadLogDefinition() {
    }

    /**
     * The payload log {@code value} describes; disabled when it is absent, off, or when the definition has problems
     * (so that a definition that fails creates no file).
     */
    public static PayloadLog read(Object value, Problems problems) {
        if (value == null) {
            return PayloadLog.disabled();
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(KEY, "must be a mapping with enabled, file, redact and truncate");
            return PayloadLog.disabled();
        }
        Settings settings = new Settings(KEY, map, problems);
        settings.rejectUnknown(Set.of("enabled", "file", "redact", "truncate"));
        boolean enabled = settings.flag("enabled", false);
        String file = settings.string("file", null);
        List<String> redact = settings.strings("redact");
        int truncate = settings.integer("truncate", PayloadLog.DEFAULT_TRUNCATE, 20, 1_000_000);
        if (!enabled || !problems.isEmpty()) {
            return PayloadLog.disabled();
        }
        PayloadLog.Builder builder = PayloadLog.builder().enabled(true).redact(redact).truncate(truncate);
        if (file != null) {
            builder.file(Path.of(file));
        }
        return builder.build();
    }
}
