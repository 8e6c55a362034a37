package io.cognitivecdc.steps;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.TokenUsage;
import io.cognitivecdc.settings.Settings;

import java.util.Map;
import java.util.Set;

/** A third-party step type, registered through META-INF/services of the test class path: no model involved. */
public final class UppercaseStepType implements StepType {

    @Override
    public String type() {
        return "uppercase";
    }

    @Override
    public Map<String, Boolean> inputs() {
        return Map.of("text", true);
    }

    @Override
    public Map<String, String> outputFields() {
        return Map.of("text", "string");
    }

    @Override
    public Step create(String name, ChatModel model, Settings settings) {
        settings.rejectUnknown(Set.of());
        return new Step() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String definitionFingerprint() {
                return "uppercase";
            }

            @Override
            public StepOutput run(Map<String, Object> inputs, String key) {
                return new StepOutput(Map.of("text", String.valueOf(inputs.get("text")).toUpperCase()), "none", 0,
                        TokenUsage.ZERO, 0);
            }
        };
    }
}
