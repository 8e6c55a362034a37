package io.cognitivecdc.topology.internals;

import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineStep;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.steps.StepFailedException;
import io.cognitivecdc.steps.StepOutput;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.LongSupplier;

/**
 * One row's unfinished steps, run off the stream thread on a private copy of its state. Each finished step is
 * reported at once; the stream thread applies the reports to the state store.
 */
public final class EnrichmentWork implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(EnrichmentWork.class);

    private final Bytes key;
    private final long workId;
    private final long seq;
    private final EnrichmentState state;
    private final Pipeline pipeline;
    private final StepOutputCache cache;
    private final Queue<Completion> completions;
    private final LongSupplier clock;

    /** @param state the row's state, which this work alone uses from now on */
    public EnrichmentWork(Bytes key, long workId, long seq, EnrichmentState state, Pipeline pipeline, StepOutputCache cache,
                   Queue<Completion> completions, LongSupplier clock) {
        this.key = key;
        this.workId = workId;
        this.seq = seq;
        this.state = state;
        this.pipeline = pipeline;
        this.cache = cache;
        this.completions = completions;
        this.clock = clock;
    }

    @Override
    public void run() {
        String step = null;
        try {
            for (PipelineStep pipelineStep : pipeline.steps()) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                step = pipelineStep.name();
                Map<String, Object> inputs = RowEnricher.inputs(pipelineStep, state);
                String fingerprint = RowEnricher.fingerprint(pipelineStep, inputs);
                if (RowEnricher.isDone(state, pipelineStep, fingerprint)) {
                    continue;
                }
                StepOutput output = cache.get(fingerprint);
                boolean fromCache = output != null;
                if (!fromCache) {
                    output = pipelineStep.step().run(inputs, state.getKey());
                }
                EnrichmentStates.recordStep(state, step, output, fingerprint, clock.getAsLong());
                completions.add(new Completion.StepDone(key, workId, seq, step, output, fingerprint, fromCache));
            }
            completions.add(new Completion.Finished(key, workId, seq));
        } catch (StepFailedException e) {
            completions.add(new Completion.Failed(key, workId, seq, e.step(), e.kind().name(), e.getMessage(),
                    e.validationErrors(), e.attempts(), false, 0));
        } catch (LlmCallException e) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            // Rejected credentials fail every row alike: like an outage, the row waits instead of failing.
            boolean waitable = e.isTransient() || e.kind() == LlmCallException.Kind.AUTHENTICATION;
            completions.add(new Completion.Failed(key, workId, seq, step, e.kind().name(), e.getMessage(), List.of(), 1,
                    waitable, e.retryAfter().map(Duration::toMillis).orElse(0L)));
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            log.error("Unexpected failure enriching row {} at step {}", state.getKey(), step, e);
            completions.add(new Completion.Failed(key, workId, seq, step, "UNEXPECTED",
                    e.getClass().getSimpleName() + ": " + e.getMessage(), List.of(), 0, false, 0));
        }
    }
}
