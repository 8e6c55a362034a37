package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.localstack.demo.DemoPipeline;
import io.cognitivecdc.localstack.postgres.CapturedTables;
import io.cognitivecdc.localstack.postgres.EnrichedTableReader;
import io.cognitivecdc.localstack.postgres.SourceTable;
import io.cognitivecdc.pipeline.Pipeline;

import java.util.Map;

/** The demo pipeline running on the shared stack for one source table: what the integration tests drive. */
final class DemoPipelineRun implements AutoCloseable {

    final SourceTable table;
    final CapturedTables tables;
    final EnrichedTableReader enriched;
    final Pipeline pipeline;
    final LocalPipeline running;

    DemoPipelineRun(LocalStack stack, SourceTable table, Map<String, String> variables) {
        this(stack, table, variables, Map.of());
    }

    DemoPipelineRun(LocalStack stack, SourceTable table, Map<String, String> variables, Map<String, ?> streamsOverrides) {
        this.table = table;
        this.tables = new CapturedTables(stack.postgres());
        tables.create(table);
        this.pipeline = DemoPipeline.read(DemoPipeline.definition(table), "demo-pipeline.yaml", variables);
        try {
            this.running = LocalPipeline.start(stack, table, 2, pipeline, streamsOverrides);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        this.enriched = new EnrichedTableReader(stack.postgres(), table.enrichedTable(), table.primaryKey());
    }

    /** The variables that point the demo pipeline at {@code simulator}. */
    static Map<String, String> simulated(io.cognitivecdc.llmsimulator.LlmSimulator simulator) {
        return Map.of("COGNITIVE_CDC_LLM", "simulated",
                "LLM_SIMULATOR_ENDPOINT", simulator.endpoint(),
                "LLM_SIMULATOR_API_KEY", simulator.apiKey());
    }

    @Override
    public void close() {
        try {
            running.close();
        } finally {
            pipeline.close();
        }
    }
}
