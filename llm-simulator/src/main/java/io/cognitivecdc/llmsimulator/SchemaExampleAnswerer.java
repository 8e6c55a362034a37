package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers tasks the simulator does not know (custom step types) with the plainest value that satisfies the requested
 * JSON Schema: first enum value, minimum numbers, empty arrays, short strings within {@code maxLength}.
 */
final class SchemaExampleAnswerer {

    private static final int MAX_DEPTH = 16;

    private final ObjectMapper mapper;

    SchemaExampleAnswerer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    JsonNode answer(JsonNode schema) {
        return example(schema, 0);
    }

    private JsonNode example(JsonNode schema, int depth) {
        if (depth > MAX_DEPTH || schema == null || schema.isMissingNode()) {
            return mapper.nullNode();
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        JsonNode anyOf = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
        if (anyOf != null && anyOf.isArray() && !anyOf.isEmpty()) {
            return example(anyOf.get(0), depth + 1);
        }
        JsonNode type = schema.path("type");
        String kind = type.isArray() ? firstNonNull(type) : type.asText("object");
        return switch (kind) {
            case "string" -> {
                int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
                String text = "simulated";
                yield mapper.getNodeFactory().textNode(text.substring(0, Math.min(text.length(), max)));
            }
            case "number" -> mapper.getNodeFactory().numberNode(schema.path("minimum").asDouble(0.5));
            case "integer" -> mapper.getNodeFactory().numberNode(schema.path("minimum").asLong(0));
            case "boolean" -> mapper.getNodeFactory().booleanNode(false);
            case "null" -> mapper.nullNode();
            case "array" -> {
                ArrayNode array = mapper.createArrayNode();
                for (int i = 0; i < schema.path("minItems").asInt(0); i++) {
                    array.add(example(schema.path("items"), depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = mapper.createObjectNode();
                schema.path("properties").properties().forEach(property ->
                        object.set(property.getKey(), example(property.getValue(), depth + 1)));
                yield object;
            }
        };
    }

    private static String firstNonNull(JsonNode types) {
        for (JsonNode type : types) {
            if (!"null".equals(type.asText())) {
                return type.asText();
            }
        }
        return "null";
    }
}
