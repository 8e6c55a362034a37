package io.cognitivecdc.llmsimulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-row fault triggers: {@code [sim:invalid_json]} anywhere in the first user message applies that fault;
 * {@code [sim:invalid_json@1]} applies it to attempts 1..1 only. Markers are removed before answering, so they never
 * sway a classification.
 */
final class Triggers {

    private static final Pattern TRIGGER = Pattern.compile("\\[sim:([a-zA-Z_-]+)(?:@(\\d+))?]");

    /** A trigger found in a message. */
    record Trigger(Fault fault, int attempts) {
    }

    private Triggers() {
    }

    static List<Trigger> find(String text) {
        List<Trigger> triggers = new ArrayList<>();
        if (text == null) {
            return triggers;
        }
        Matcher matcher = TRIGGER.matcher(text);
        while (matcher.find()) {
            Optional<Fault> fault = Fault.fromWireName(matcher.group(1));
            int attempts = matcher.group(2) == null ? -1 : Integer.parseInt(matcher.group(2));
            fault.ifPresent(f -> triggers.add(new Trigger(f, attempts)));
        }
        return triggers;
    }

    static String strip(String text) {
        return TRIGGER.matcher(text).replaceAll("").trim();
    }
}
