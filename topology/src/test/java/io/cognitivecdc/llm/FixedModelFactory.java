package io.cognitivecdc.llm;

import java.util.Map;

/** A provider type for tests that always hands out the same model. */
public record FixedModelFactory(String type, ChatModel model) implements ChatModelFactory {

    @Override
    public ChatModel create(Map<String, Object> settings) {
        if (settings.containsKey("fail")) {
            throw new InvalidProviderSettingException("fail", "was asked to fail: " + settings.get("fail"));
        }
        return model;
    }
}
