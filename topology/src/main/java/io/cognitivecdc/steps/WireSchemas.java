package io.cognitivecdc.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Set;

/**
 * The response schema as sent to a provider. Strict structured output (OpenAI, Azure OpenAI) rejects some
 * validation keywords, so those are left out of the wire schema; the full schema still validates every answer
 * locally, and its errors drive the corrective retry.
 */
final class WireSchemas {

    private static final Set<String> UNSUPPORTED_IN_STRICT_MODE =
            Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern");

    private WireSchemas() {
    }

    static ObjectNode of(ObjectNode fullSchema) {
        ObjectNode copy = fullSchema.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                if (UNSUPPORTED_IN_STRICT_MODE.contains(names.next())) {
                    names.remove();
                }
            }
            node.forEach(WireSchemas::strip);
        } else if (node.isArray()) {
            node.forEach(WireSchemas::strip);
        }
    }
}
