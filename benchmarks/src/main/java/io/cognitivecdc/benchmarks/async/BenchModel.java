package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.pipeline.PipelineDefinitionReader;

/**
 * Where a cell's model calls go: the LLM simulator over HTTP ({@link SimulatedModel}, P1) or a model in this JVM
 * ({@link InProcessModel}, P2 and the stalled model). The cell's pipeline definition names it as provider
 * {@code model}.
 */
interface BenchModel extends AutoCloseable {

    /** What the table calls it. */
    String label();

    /** The body of the {@code providers.model} entry: YAML lines, unindented. */
    String providerYaml();

    /** Reads a pipeline definition whose provider this model is. */
    PipelineDefinitionReader reader();

    /** Model calls so far, corrective retries included. */
    long calls();

    @Override
    void close();
}
