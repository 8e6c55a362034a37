package io.cognitivecdc.localstack.connect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the connector configurations shipped in {@code connect-configs/} and fills their {@code ${stack:name}}
 * placeholders.
 *
 * <p>The local pair refers to the embedded services through {@code ${stack:...}} because their ports are only known
 * once the stack has started; every other value is used as written in the file.
 */
public final class ConnectorConfigs {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{stack:([A-Za-z0-9_.\\-]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConnectorConfigs() {
    }

    /**
     * Reads {@code connect-configs/<file>} from the class path and replaces each {@code ${stack:name}} with
     * {@code values.get(name)}.
     *
     * @throws IllegalArgumentException naming the file and key when the file is missing, not a flat JSON object of
     *                                  strings, or refers to a value the stack does not have
     */
    public static Map<String, String> load(String file, Map<String, String> values) {
        String resource = "connect-configs/" + file;
        Map<String, String> raw;
        try (InputStream in = ConnectorConfigs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + ": not found on the class path");
            }
            raw = JSON.readValue(in, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException(resource + ": not a JSON object of string values: " + e.getMessage(), e);
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        raw.forEach((key, value) -> resolved.put(key, resolve(resource, key, value, values)));
        return resolved;
    }

    private static String resolve(String resource, String key, String value, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = values.get(m.group(1));
            if (replacement == null) {
                throw new IllegalArgumentException(resource + ": key '" + key + "' refers to ${stack:" + m.group(1)
                        + "}, which the local stack does not provide; it provides " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
