package io.cognitivecdc.steps;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.settings.Settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: summarizer}. Settings: {@code max_length} (characters, default 300), {@code max_retries} (default 3),
 * {@code max_input_chars} (default 20000).
 */
public final class SummarizerStepType implements StepType {

    private static final Set<String> SETTINGS = Set.of("max_length", "max_retries", "max_input_chars");

    @Override
    public String type() {
        return "summarizer";
    }

    @Override
    public Map<String, Boolean> inputs() {
        return Map.of("text", true, "focus", false);
    }

    @Override
    public Map<String, String> outputFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("text", "string");
        fields.put("reasoning", "string");
        return fields;
    }

    @Override
    public Step create(String name, ChatModel model, Settings settings) {
        settings.rejectUnknown(SETTINGS);
        SummarizerStep.Options defaults = SummarizerStep.Options.DEFAULTS;
        int problemsBefore = settings.problems().size();
        SummarizerStep.Options options = new SummarizerStep.Options(
                settings.integer("max_length", defaults.maxLength(), 20, 100_000),
                settings.integer("max_retries", defaults.maxRetries(), 0, 10),
                settings.integer("max_input_chars", defaults.maxInputChars(), 1, 10_000_000));
        if (settings.problems().size() > problemsBefore || model == null) {
            return null;
        }
        return new SummarizerStep(name, model, options);
    }
}
