package io.cognitivecdc.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} references, the one way settings refer to environment variables: in pipeline
 * definitions and in the {@code run} command's properties. Other {@code ${...}} (templates in expressions, Kafka
 * config providers such as {@code ${file:...}}) stay as written. The caller reports a variable that is not set, since
 * only it knows where the reference was written and what to say about it.
 */
public final class EnvironmentReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

    private final Function<String, String> environment;

    /** @param environment variable name to its value, or null when it is not set ({@code System::getenv}) */
    public EnvironmentReferences(Function<String, String> environment) {
        this.environment = environment;
    }

    /**
     * {@code text} with every reference replaced by its variable's value; a variable that is not set is handed to
     * {@code unset} and replaced by nothing.
     */
    public String resolve(String text, Consumer<String> unset) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null) {
                unset.accept(m.group(1));
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Resolves every text value of {@code values} in place; values of other types stay as they are.
     *
     * @param unset receives the key and the variable of each reference to a variable that is not set
     * @return whether every referenced variable was set
     */
    public boolean resolveAll(Map<String, Object> values, BiConsumer<String, String> unset) {
        boolean resolved = true;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (entry.getValue() instanceof String text) {
                List<String> notSet = new ArrayList<>();
                entry.setValue(resolve(text, notSet::add));
                notSet.forEach(variable -> unset.accept(entry.getKey(), variable));
                resolved &= notSet.isEmpty();
            }
        }
        return resolved;
    }
}
