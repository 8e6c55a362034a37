package io.cognitivecdc.pipeline.definition;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.InvalidProviderSettingException;
import io.cognitivecdc.llm.payloadlog.PayloadLog;
import io.cognitivecdc.llm.payloadlog.PayloadLoggingChatModel;
import io.cognitivecdc.llm.resilience.ResilienceSettings;
import io.cognitivecdc.llm.resilience.ResilientChatModel;
import io.cognitivecdc.settings.EnvironmentReferences;
import io.cognitivecdc.settings.Problems;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The models of a definition's providers, each created the first time a step names it and then shared: its
 * {@code ${env:NAME}} references resolved, created by its type, and wrapped in a {@link ResilientChatModel} (retry,
 * circuit breaker, bulkhead, quota) around the {@link PayloadLoggingChatModel}, so that the payload log records every
 * attempt, not only the last.
 */
public final class ProviderModels {

    /** A provider entry, checked but not yet created. */
    record Entry(String path, ChatModelFactory factory, Map<String, Object> settings, ResilienceSettings resilience) {
    }

    private final Map<String, Entry> entries;
    private final PayloadLog payloadLog;
    private final EnvironmentReferences environment;
    private final Problems problems;
    /** By provider name; null for one that could not be created, so that its problems are reported once. */
    private final Map<String, ChatModel> models = new LinkedHashMap<>();

    ProviderModels(Map<String, Entry> entries, PayloadLog payloadLog, EnvironmentReferences environment,
                   Problems problems) {
        this.entries = entries;
        this.payloadLog = payloadLog;
        this.environment = environment;
        this.problems = problems;
    }

    /** The names of the providers a step may use: those whose entry is a mapping with a known type. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** Whether a step may use provider {@code name} (see {@link #names()}). */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The model of provider {@code name}, created on first use; null when it cannot be (the problem is reported). */
    public ChatModel model(String name) {
        if (!models.containsKey(name)) {
            models.put(name, create(name, entries.get(name)));
        }
        return models.get(name);
    }

    private ChatModel create(String name, Entry entry) {
        Map<String, Object> settings = new LinkedHashMap<>(entry.settings());
        if (!resolveEnvironment(entry.path(), settings, environment, problems)) {
            return null;
        }
        try {
            ChatModel logged = PayloadLoggingChatModel.wrap(entry.factory().create(settings), payloadLog);
            return new ResilientChatModel(name, logged, entry.resilience());
        } catch (InvalidProviderSettingException e) {
            problems.add(entry.path() + "." + e.setting(), e.problem());
        } catch (RuntimeException e) {
            problems.add(entry.path(), "cannot create the provider: " + e.getMessage());
        }
        return null;
    }

    /** The models created so far, by provider name. */
    public Map<String, ChatModel> created() {
        Map<String, ChatModel> created = new LinkedHashMap<>(models);
        created.values().removeIf(Objects::isNull);
        return created;
    }

    /** Closes the models created so far, when the definition fails: that failure is what the user needs to see. */
    public void closeQuietly() {
        for (ChatModel model : created().values()) {
            try {
                model.close();
            } catch (Exception e) {
                // the definition failed already; reporting this too would only bury the problems that matter
            }
        }
    }

    /**
     * Resolves {@code ${env:NAME}} in the text {@code values} found at {@code path}, reporting each variable that is
     * not set at its key; whether all were set.
     */
    static boolean resolveEnvironment(String path, Map<String, Object> values, EnvironmentReferences environment,
                                      Problems problems) {
        return environment.resolveAll(values, (key, variable) ->
                problems.add(path + "." + key, "environment variable " + variable + " is not set"));
    }
}
