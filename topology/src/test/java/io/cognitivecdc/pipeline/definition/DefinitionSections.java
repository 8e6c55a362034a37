package io.cognitivecdc.pipeline.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cognitivecdc.settings.Problem;
import io.cognitivecdc.settings.Problems;

import java.util.List;

/** YAML fragments for the tests of single sections, and the problems they report as text. */
final class DefinitionSections {

    private DefinitionSections() {
    }

    /** A section's value as the reader gets it: a mapping, a list or a scalar. */
    static Object yaml(String text) {
        try {
            return new YAMLMapper().readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> messages(Problems problems) {
        return problems.list().stream().map(Problem::toString).toList();
    }
}
