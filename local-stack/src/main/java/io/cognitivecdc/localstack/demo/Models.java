package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.localstack.postgres.SourceTable;
import io.cognitivecdc.pipeline.Pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's pipeline with its models: reads the definition (the demo's or {@code --pipeline}), and for
 * {@code --llm simulated} starts the LLM simulator it talks to. Closing stops both.
 */
final class Models implements AutoCloseable {

    private final Pipeline pipeline;
    private final LlmSimulator simulator;

    private Models(Pipeline pipeline, LlmSimulator simulator) {
        this.pipeline = pipeline;
        this.simulator = simulator;
    }

    static Models start(DemoOptions options, SourceTable table, PrintStream out) {
        Map<String, String> variables = new HashMap<>();
        variables.put("COGNITIVE_CDC_LLM", options.llm().providerName());
        LlmSimulator simulator = null;
        if (options.llm() == LlmChoice.SIMULATED) {
            simulator = LlmSimulator.start();
            variables.put("LLM_SIMULATOR_ENDPOINT", simulator.endpoint());
            variables.put("LLM_SIMULATOR_API_KEY", simulator.apiKey());
            out.println("  LLM simulator    at " + simulator.endpoint());
        }
        try {
            String origin = options.pipelineFile() != null ? options.pipelineFile().toString() : "demo-pipeline.yaml";
            String definition = options.pipelineFile() != null
                    ? Files.readString(options.pipelineFile()) : DemoPipeline.definition(table);
            Pipeline pipeline = DemoPipeline.read(definition, origin, variables);
            return new Models(pipeline, simulator);
        } catch (IOException | RuntimeException e) {
            if (simulator != null) {
                simulator.close();
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot read " + options.pipelineFile() + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    Pipeline pipeline() {
        return pipeline;
    }

    /** The simulator the steps talk to, or null unless the model is simulated. */
    LlmSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        pipeline.close();
        if (simulator != null) {
            simulator.close();
        }
    }
}
