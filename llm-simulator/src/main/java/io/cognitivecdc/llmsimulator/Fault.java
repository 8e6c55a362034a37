package io.cognitivecdc.llmsimulator;

import java.util.Locale;
import java.util.Optional;

/**
 * What the simulator can do wrong. Each is triggered by a rate in {@link FaultSettings} or per row by
 * {@code [sim:<wire name>]} (optionally {@code [sim:<wire name>@N]}: only attempts 1..N) in the first user message.
 */
public enum Fault {
    /** HTTP 429 with {@code Retry-After} and {@code retry-after-ms}, Azure's error body. */
    RATE_LIMIT("rate_limit", Effect.HTTP_ERROR),
    /** HTTP 500. */
    SERVER_ERROR("server_error", Effect.HTTP_ERROR),
    /** HTTP 503. */
    UNAVAILABLE("unavailable", Effect.HTTP_ERROR),
    /** HTTP 400 {@code content_filter} with {@code innererror.code ResponsibleAIPolicyViolation}: the prompt filter. */
    CONTENT_FILTER("content_filter", Effect.HTTP_ERROR),
    /** HTTP 200 with {@code finish_reason: content_filter} and no content: the completion filter. */
    CONTENT_FILTER_OUTPUT("content_filter_output", Effect.ANSWER),
    /** Waits {@link FaultSettings#slowDelay()} before answering (validly): longer than any sane client timeout. */
    SLOW("slow", Effect.DELAY),
    /** The answer is prose, not JSON. */
    INVALID_JSON("invalid_json", Effect.ANSWER),
    /** classify only: the category is not one of the taxonomy's names. */
    OUT_OF_TAXONOMY("out_of_taxonomy", Effect.ANSWER),
    /** classify only: confidence 1.7. */
    CONFIDENCE_ABOVE_ONE("confidence_above_one", Effect.ANSWER),
    /** summarize only: the summary is longer than {@code max_length}. */
    TOO_LONG_SUMMARY("too_long_summary", Effect.ANSWER);

    /** How a fault shows. */
    enum Effect { HTTP_ERROR, DELAY, ANSWER }

    private final String wireName;
    private final Effect effect;

    Fault(String wireName, Effect effect) {
        this.wireName = wireName;
        this.effect = effect;
    }

    /** The name used in settings, triggers, statistics and the control API, e.g. {@code rate_limit}. */
    public String wireName() {
        return wireName;
    }

    Effect effect() {
        return effect;
    }

    /** Whether this fault can change the answer to a task of this type ({@code classify}, {@code summarize}, …). */
    public boolean appliesTo(String taskType) {
        return switch (this) {
            case OUT_OF_TAXONOMY, CONFIDENCE_ABOVE_ONE -> "classify".equals(taskType);
            case TOO_LONG_SUMMARY -> "summarize".equals(taskType);
            default -> true;
        };
    }

    /** Looks a fault up by wire name (or enum name), case-insensitively. */
    public static Optional<Fault> fromWireName(String name) {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Fault fault : values()) {
            if (fault.wireName.equals(normalized)) {
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #fromWireName} but fails with the list of known names. */
    public static Fault parse(String name) {
        return fromWireName(name).orElseThrow(() -> new IllegalArgumentException("unknown fault '" + name
                + "'; known: " + java.util.Arrays.stream(values()).map(Fault::wireName).toList()));
    }
}
