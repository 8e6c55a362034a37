package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.localstack.postgres.SourceTable;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineDefinitionReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo's pipeline definition ({@code demo-pipeline.yaml}) for a source table: its {@code ${demo:...}} values are
 * the table's topics and text column, and {@code ${env:...}} values come from the demo's choices (model, simulator
 * endpoint, examples file) before the process environment.
 */
public final class DemoPipeline {

    private static final String RESOURCE = "demo-pipeline.yaml";

    private DemoPipeline() {
    }

    /** The demo pipeline's text for {@code table}. */
    public static String definition(SourceTable table) {
        try (InputStream in = DemoPipeline.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${demo:source_topic}", table.cdcTopic())
                    .replace("${demo:enriched_topic}", table.enrichedTopic())
                    .replace("${demo:text_column}", table.textColumn());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads {@code definition} with the demo's variables in front of the process environment.
     *
     * @throws io.cognitivecdc.pipeline.InvalidPipelineDefinitionException naming every problem with its path
     */
    public static Pipeline read(String definition, String origin, Map<String, String> variables) {
        Function<String, String> environment = name -> variables.containsKey(name) ? variables.get(name) : System.getenv(name);
        PipelineDefinitionReader defaults = new PipelineDefinitionReader();
        return new PipelineDefinitionReader(defaults.stepTypes(), defaults.providerTypes(), environment)
                .read(definition, origin);
    }
}
