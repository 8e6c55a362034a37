package io.cognitivecdc.steps;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.settings.Settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: classifier}. Settings: {@code taxonomy} (required list of {@code name}, {@code definition},
 * optional {@code examples}), {@code max_retries} (default 3), {@code review_below} (default 0.5),
 * {@code max_input_chars} (default 20000).
 */
public final class ClassifierStepType implements StepType {

    private static final Set<String> SETTINGS = Set.of("taxonomy", "max_retries", "review_below", "max_input_chars");
    private static final Set<String> CATEGORY_KEYS = Set.of("name", "definition", "examples");

    @Override
    public String type() {
        return "classifier";
    }

    @Override
    public Map<String, Boolean> inputs() {
        return Map.of("text", true, "context", false);
    }

    @Override
    public Map<String, String> outputFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("category", "string");
        fields.put("confidence", "double");
        fields.put("reasoning", "string");
        fields.put("needs_review", "boolean");
        return fields;
    }

    @Override
    public Step create(String name, ChatModel model, Settings settings) {
        settings.rejectUnknown(SETTINGS);
        ClassifierStep.Options defaults = ClassifierStep.Options.DEFAULTS;
        ClassifierStep.Options options = new ClassifierStep.Options(
                settings.integer("max_retries", defaults.maxRetries(), 0, 10),
                settings.number("review_below", defaults.reviewBelow(), 0, 1),
                settings.integer("max_input_chars", defaults.maxInputChars(), 1, 10_000_000));
        List<ClassifierStep.Category> taxonomy = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int problemsBefore = settings.problems().size();
        for (Settings entry : settings.requiredMappings("taxonomy")) {
            entry.rejectUnknown(CATEGORY_KEYS);
            String categoryName = entry.requiredString("name");
            String definition = entry.requiredString("definition");
            List<String> examples = entry.strings("examples");
            if (!categoryName.isEmpty() && !names.add(categoryName)) {
                settings.problems().add(entry.pathOf("name"), "category '" + categoryName + "' appears twice");
            }
            taxonomy.add(new ClassifierStep.Category(categoryName, definition, examples));
        }
        if (settings.problems().size() > problemsBefore || model == null) {
            return null;
        }
        return new ClassifierStep(name, model, taxonomy, options);
    }
}
