package io.cognitivecdc.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a model's answer: that it is JSON, that it matches the step's JSON Schema, and the step's own rules. The
 * error messages go back to the model in a corrective retry, so they say exactly what is wrong.
 */
public final class OutputValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonSchema schema;
    private final Function<JsonNode, List<String>> rules;

    /**
     * @param schema the answer's JSON Schema
     * @param rules  checks beyond the schema, run only on schema-valid answers; each returns error messages
     */
    public OutputValidator(ObjectNode schema, Function<JsonNode, List<String>> rules) {
        this.schema = FACTORY.getSchema(schema);
        this.rules = rules;
    }

    /** The verdict on one answer. */
    public record Result(JsonNode value, List<String> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Result validate(String answer) {
        JsonNode value;
        try {
            value = JSON.readTree(stripCodeFence(answer));
        } catch (JsonProcessingException e) {
            return new Result(null, List.of("the answer is not valid JSON: " + e.getOriginalMessage()));
        }
        if (value == null || !value.isObject()) {
            return new Result(value, List.of("the answer must be a JSON object"));
        }
        List<String> errors = new ArrayList<>();
        for (ValidationMessage message : schema.validate(value)) {
            errors.add(message.getMessage());
        }
        if (errors.isEmpty()) {
            errors.addAll(rules.apply(value));
        }
        return new Result(value, errors);
    }

    /** Models without structured output sometimes wrap JSON in a Markdown code fence. */
    private static String stripCodeFence(String answer) {
        String trimmed = answer.strip();
        if (trimmed.startsWith("```") && trimmed.endsWith("```") && trimmed.length() > 6) {
            String inner = trimmed.substring(3, trimmed.length() - 3);
            return inner.startsWith("json") ? inner.substring(4) : inner;
        }
        return trimmed;
    }
}
