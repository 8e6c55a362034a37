package io.cognitivecdc.llm;

import java.util.Map;

/**
 * Creates {@link ChatModel}s of one provider type from the {@code providers} section of a pipeline definition.
 * Implementations are found with {@link java.util.ServiceLoader}; a new provider plugs in with a
 * {@code META-INF/services/io.cognitivecdc.llm.ChatModelFactory} entry.
 */
public interface ChatModelFactory {

    /** The {@code type} a provider entry names, e.g. {@code azure-openai} or {@code local}. */
    String type();

    /**
     * Creates a model from the entry's settings (every key but {@code type}; values are strings, numbers, booleans,
     * lists or maps as written in YAML).
     *
     * @throws InvalidProviderSettingException naming the setting and what is wrong with it
     */
    ChatModel create(Map<String, Object> settings);
}
