package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.llmsimulator.LatencyModel;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.llmsimulator.SimulatorConfig;
import io.cognitivecdc.pipeline.PipelineDefinitionReader;

import java.time.Duration;

/**
 * The LLM simulator with a fixed latency, reached through the real Azure OpenAI provider: every call is an HTTP round
 * trip with the provider's JSON handling, as in production, so a P1 cell measures the processor keeping calls in
 * flight.
 */
final class SimulatedModel implements BenchModel {

    private final LlmSimulator simulator;

    SimulatedModel(Duration latency) {
        LatencyModel model = latency.isZero() ? LatencyModel.none() : LatencyModel.fixed(latency);
        this.simulator = LlmSimulator.start(SimulatorConfig.builder().latency(model).build());
    }

    @Override
    public String label() {
        return "simulator";
    }

    @Override
    public String providerYaml() {
        // A long timeout: a cell's latency is the simulator's to set, the provider must not cut it short.
        return """
                type: azure-openai
                endpoint: "%s"
                api-key: "%s"
                deployment: bench
                timeout: 900s
                """.formatted(simulator.endpoint(), simulator.apiKey());
    }

    @Override
    public PipelineDefinitionReader reader() {
        return new PipelineDefinitionReader();
    }

    @Override
    public long calls() {
        return simulator.stats().requests();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
