package io.cognitivecdc.pipeline.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cognitivecdc.settings.Problems;
import io.cognitivecdc.settings.Settings;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The text of a definition parsed into its top level: a mapping of {@link #SECTIONS}. */
public final class DefinitionYaml {

    /** The keys a definition's top level may have. */
    public static final Set<String> SECTIONS =
            Set.of("name", "source", "enriched", "providers", "steps", "columns", "payload_log");

    private DefinitionYaml() {
    }

    /**
     * The top level of {@code yaml}, its unknown keys reported; null when it is not YAML (the problem names the line
     * and column) or not a mapping.
     */
    public static Settings parse(String yaml, Problems problems) {
        try {
            Object root = new YAMLMapper().readValue(yaml, Object.class);
            if (root instanceof Map<?, ?> map) {
                Settings settings = new Settings("", map, problems);
                settings.rejectUnknown(SECTIONS);
                return settings;
            }
            problems.add("", "the definition must be a mapping with keys " + new TreeSet<>(SECTIONS));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr(),
                    "not valid YAML: " + e.getOriginalMessage());
        }
        return null;
    }
}
