package io.cognitivecdc.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Map;

/**
 * Which row {@code --key} names: the row key as JSON ({@code {"id":42}}, the primary-key columns, compared as JSON so
 * that spacing and column order do not matter), or, for a single-column key, just its value ({@code 42},
 * {@code INV-7}), compared as text.
 */
public final class KeyMatcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final JsonNode columns;
    private final String singleValue;

    private KeyMatcher(String text, JsonNode columns, String singleValue) {
        this.text = text;
        this.columns = columns;
        this.singleValue = singleValue;
    }

    /**
     * Reads what the operator typed.
     *
     * @throws IllegalArgumentException if it is empty or a JSON array
     */
    public static KeyMatcher parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("the row key is empty; give it as JSON, e.g. {\"id\":42}, or the value "
                    + "of a single-column key, e.g. 42");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            node = TextNode.valueOf(text.trim()); // a bare string value: INV-7 rather than "INV-7"
        }
        if (node.isObject()) {
            return new KeyMatcher(text, node, null);
        }
        if (node.isValueNode()) {
            return new KeyMatcher(text, null, node.asText());
        }
        throw new IllegalArgumentException("'" + text + "' is not a row key; give it as a JSON object of the "
                + "primary-key columns, e.g. {\"id\":42}, or the value of a single-column key, e.g. 42");
    }

    /** Whether the dead letter's key ({@code DeadLetter.key}, JSON text, null when unknown) is this row's. */
    public boolean matches(String keyJson) {
        if (keyJson == null) {
            return false;
        }
        JsonNode key;
        try {
            key = JSON.readTree(keyJson);
        } catch (JsonProcessingException e) {
            return false;
        }
        if (columns != null) {
            return columns.equals(key);
        }
        if (!key.isObject() || key.size() != 1) {
            return false;
        }
        Map.Entry<String, JsonNode> column = key.properties().iterator().next();
        return column.getValue().isValueNode() && column.getValue().asText().equals(singleValue);
    }

    @Override
    public String toString() {
        return text;
    }
}
