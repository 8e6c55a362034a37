package io.cognitivecdc.pipeline.definition;

import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.payloadlog.PayloadLog;
import io.cognitivecdc.llm.resilience.ResilienceSettings;
import io.cognitivecdc.settings.EnvironmentReferences;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code providers} section: models by name, each with a {@code type} (a {@link ChatModelFactory}), an optional
 * {@code resilience} section ({@link ResilienceDefinition}) and the settings its type reads.
 *
 * <pre>
 * providers:
 *   local: { type: local }
 *   azure:
 *     type: azure-openai
 *     deployment: gpt-4o-mini
 *     resilience: { requests_per_minute: 600, tokens_per_minute: 90000 }
 * </pre>
 *
 * <p>Every entry is checked here, but only those that steps use are created, by {@link ProviderModels}: a spare entry
 * whose variables are not set where the pipeline runs does no harm.
 */
public final class ProvidersDefinition {

    static final String KEY = "providers";

    private ProvidersDefinition() {
    }

    /**
     * The providers {@code value} defines, ready to be created by name.
     *
     * @param types       the provider types, by name
     * @param payloadLog  what every created model's calls are logged to
     * @param environment resolves {@code ${env:NAME}} in text settings when a provider is created
     */
    public static ProviderModels read(Object value, Map<String, ChatModelFactory> types, PayloadLog payloadLog,
                                      EnvironmentReferences environment, Problems problems) {
        Map<String, ProviderModels.Entry> entries = new LinkedHashMap<>();
        if (!(value instanceof Map<?, ?> providers) || providers.isEmpty()) {
            problems.add(KEY, "missing or empty; name at least one model provider, e.g. local: { type: local }");
        } else {
            new Settings(KEY, providers, problems).asMap().forEach((name, settings) -> {
                ProviderModels.Entry entry = entry(KEY + "." + name, settings, types, problems);
                if (entry != null) {
                    entries.put(name, entry);
                }
            });
        }
        return new ProviderModels(entries, payloadLog, environment, problems);
    }

    /** One provider: its type and resilience checked, the rest left to its type when it is created. */
    private static ProviderModels.Entry entry(String path, Object value, Map<String, ChatModelFactory> types,
                                              Problems problems) {
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path, "must be a mapping with a type, was " + Settings.describe(value));
            return null;
        }
        Map<String, Object> settings = new LinkedHashMap<>(new Settings(path, map, problems).asMap());
        Object type = settings.remove("type");
        ResilienceSettings resilience = ResilienceDefinition.read(path + "." + ResilienceDefinition.KEY,
                settings.remove(ResilienceDefinition.KEY), problems);
        ChatModelFactory factory = type == null ? null : types.get(type.toString());
        if (factory == null) {
            problems.add(path + ".type", (type == null ? "missing" : "unknown provider type '" + type + "'")
                    + "; known types are " + new TreeSet<>(types.keySet()));
            return null;
        }
        return new ProviderModels.Entry(path, factory, settings, resilience);
    }
}
