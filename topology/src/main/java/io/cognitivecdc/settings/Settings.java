package io.cognitivecdc.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A mapping of a pipeline definition (a step's or a provider's settings) read with its path, so that every problem is
 * reported where it is, e.g. {@code steps[1].taxonomy[0].definition}. Getters report problems and return a fallback
 * instead of throwing, so that one pass finds them all.
 */
public final class Settings {

    private final String path;
    private final Map<String, Object> values;
    private final Problems problems;

    /** The mapping {@code values} found at {@code path}; its keys are read as texts, as YAML may give numbers. */
    public Settings(String path, Map<?, ?> values, Problems problems) {
        this.path = path;
        this.values = new LinkedHashMap<>();
        values.forEach((key, value) -> this.values.put(String.valueOf(key), value));
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    /** The path of {@code key} below this mapping. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Problems problems() {
        return problems;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** The values as written, for plug-ins that read their own settings. */
    public Map<String, Object> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Reports keys other than {@code known} (a typo would otherwise be silently ignored). */
    public void rejectUnknown(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key)) {
                problems.add(pathOf(key), "unknown setting; known settings here are " + new TreeSet<>(known));
            }
        }
    }

    /** A required, non-blank string. */
    public String requiredString(String key) {
        Object value = values.get(key);
        if (value == null) {
            problems.add(pathOf(key), "missing; it is required");
            return "";
        }
        if (!(value instanceof String s) || s.isBlank()) {
            problems.add(pathOf(key), "must be a non-empty text, was " + describe(value));
            return "";
        }
        return s;
    }

    /** An optional true or false, or {@code fallback}. */
    public boolean flag(String key, boolean fallback) {
        return optional(key, Boolean.class, "true or false", fallback);
    }

    /** An optional string, or {@code fallback}. */
    public String string(String key, String fallback) {
        return optional(key, String.class, "a text", fallback);
    }

    private <T> T optional(String key, Class<T> type, String kind, T fallback) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!type.isInstance(value)) {
            problems.add(pathOf(key), "must be " + kind + ", was " + describe(value));
            return fallback;
        }
        return type.cast(value);
    }

    /** An optional whole number within [min, max], or {@code fallback}. */
    public int integer(String key, int fallback, int min, int max) {
        Number n = numberWithin(key, min, max, "whole number", value -> value instanceof Integer);
        return n == null ? fallback : n.intValue();
    }

    /** An optional number within [min, max], or {@code fallback}. */
    public double number(String key, double fallback, double min, double max) {
        Number n = numberWithin(key, min, max, "number", value -> value instanceof Number);
        return n == null ? fallback : n.doubleValue();
    }

    private Number numberWithin(String key, double min, double max, String kind,
                                java.util.function.Predicate<Object> isKind) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        String range = format(min) + " and " + format(max);
        if (!isKind.test(value)) {
            problems.add(pathOf(key), "must be a " + kind + " between " + range + ", was " + describe(value));
            return null;
        }
        double d = ((Number) value).doubleValue();
        if (d < min || d > max) {
            problems.add(pathOf(key), "must be between " + range + ", was " + value);
            return null;
        }
        return (Number) value;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    /** An optional list of strings, or an empty list. */
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (!(value instanceof List<?> list)) {
            problems.add(pathOf(key), "must be a list of texts, was " + describe(value));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s && !s.isBlank()) {
                out.add(s);
            } else {
                problems.add(pathOf(key) + "[" + i + "]", "must be a non-empty text, was " + describe(list.get(i)));
            }
        }
        return out;
    }

    /** A required mapping below this one, with its path; null, its problem reported, when missing or not a mapping. */
    public Settings requiredMapping(String key) {
        Object value = values.get(key);
        if (value instanceof Map<?, ?> map) {
            return new Settings(pathOf(key), map, problems);
        }
        problems.add(pathOf(key), value == null ? "missing; it is required"
                : "must be a mapping, was " + describe(value));
        return null;
    }

    /** A required list of mappings (e.g. a taxonomy), each with its own path; reports an empty list. */
    public List<Settings> requiredMappings(String key) {
        Object value = values.get(key);
        List<Settings> out = new ArrayList<>();
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            problems.add(pathOf(key), value == null ? "missing; it is required"
                    : "must be a non-empty list, was " + describe(value));
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String itemPath = pathOf(key) + "[" + i + "]";
            if (list.get(i) instanceof Map<?, ?> map) {
                out.add(new Settings(itemPath, map, problems));
            } else {
                problems.add(itemPath, "must be a mapping, was " + describe(list.get(i)));
            }
        }
        return out;
    }

    /** How a wrong value is shown in a problem. */
    public static String describe(Object value) {
        if (value == null) {
            return "empty";
        }
        if (value instanceof String s) {
            return s.isBlank() ? "blank" : "'" + s + "'";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "a mapping";
        }
        return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
    }
}
