package io.cognitivecdc.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * The JSON Schema an answer must satisfy, sent as structured output ({@code response_format} of type
 * {@code json_schema}) where the provider supports it.
 *
 * @param name   schema name as the API wants it ({@code [a-zA-Z0-9_-]+}), e.g. {@code classifier}
 * @param schema the JSON Schema (draft 2020-12) of the answer object
 */
public record ResponseSchema(String name, ObjectNode schema) {

    public ResponseSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("schema name '" + name + "' must match [a-zA-Z0-9_-]{1,64}");
        }
    }
}
