package io.cognitivecdc.topology.internals;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.cdc.Op;
import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.topology.EnrichedRows;
import io.cognitivecdc.topology.EnrichmentFailureHandler;
import io.cognitivecdc.topology.EnrichmentProcessorConfig;
import io.cognitivecdc.topology.EnrichmentProcessorSupplier;
import io.cognitivecdc.topology.EnrichmentSerdes;
import io.cognitivecdc.topology.EnrichmentTopology;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Enriches change events with many model calls in flight (what it guarantees: {@link EnrichmentProcessorSupplier}).
 * It carries out the row's life in the state store and ties the pieces together: {@link PendingIndex},
 * {@link InFlightCalls}, {@link ModelBackoff}, {@link ReplayIntake}, {@link FinishedRows}, {@link RowFailures}.
 * Finished work is applied in {@code process} and in a short punctuator that runs while rows are pending, and each
 * freed slot is refilled at once.
 */
public final class EnrichmentProcessor implements Processor<Object, Object, Object, Object> {

    private final Pipeline pipeline;
    private final EnrichedRows rows;
    private final EnrichmentSerdes serdes;
    private final EnrichmentFailureHandler failures;
    private final EnrichmentProcessorConfig config;
    private final DeadLetterConfig topics;
    private final RowKeys keys;
    /** States whose step results were applied in the current drain; one map for all drains, which run per record. */
    private final Map<Bytes, EnrichmentState> stepsDone = new HashMap<>();

    private ProcessorContext<Object, Object> context;
    private KeyValueStore<Bytes, EnrichmentState> states;
    private StepOutputCache cache;
    private PendingIndex pending;
    private InFlightCalls calls;
    private ModelBackoff backoff;
    private ReplayIntake replays;
    private Outputs outputs;
    private RowFailures rowFailures;
    private FinishedRows finishedRows;
    private Cancellable ticking;

    public EnrichmentProcessor(Pipeline pipeline, EnrichedRows rows, EnrichmentSerdes serdes,
                               EnrichmentFailureHandler failures, EnrichmentProcessorConfig config,
                               DeadLetterConfig topics) {
        this.pipeline = pipeline;
        this.rows = rows;
        this.serdes = serdes;
        this.failures = failures;
        this.config = config;
        this.topics = topics;
        this.keys = new RowKeys(serdes.key(), pipeline.sourceTopics().get(0));
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        states = context.getStateStore(EnrichmentProcessorSupplier.STATE_STORE);
        cache = StepOutputCache.open(config.cacheMaxEntries(),
                context.getStateStore(EnrichmentProcessorSupplier.CACHE_STORE));
        pending = PendingIndex.open(context.getStateStore(EnrichmentProcessorSupplier.PENDING_STORE), context.taskId());
        calls = new InFlightCalls(config.maxInFlight(), pipeline, cache);
        backoff = new ModelBackoff(config.backoffInitial(), config.backoffMax());
        replays = new ReplayIntake(serdes, keys, topics, states);
        outputs = new Outputs(context, EnrichmentTopology.SINK_NAME, EnrichmentTopology.DEAD_LETTER_SINK_NAME,
                EnrichmentTopology.REPLAY_RESULTS_SINK_NAME);
        rowFailures = new RowFailures(outputs, failures, topics.applicationId());
        finishedRows = new FinishedRows(rows, outputs);
        if (pending.size() > 0) {
            tick();
        }
    }

    @Override
    public void process(Record<Object, Object> record) {
        applyCompletions();
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(pipeline.sourceTopics().get(0));
        if (topics.replayTopic().equals(topic)) {
            replay(replays.decode(record, context.currentSystemTimeMs()));
        } else {
            ChangeIntake.read((GenericRecord) record.key(), (GenericRecord) record.value(), context.recordMetadata())
                    .ifPresent(event -> apply((GenericRecord) record.key(), event, topic, null));
        }
        refill();
        slowIntake();
    }

    /** A create, read, update or delete of a row, new from the CDC topic or replayed ({@code replayId} set). */
    private void apply(GenericRecord keyRecord, ChangeEvent event, String cdcTopic, String replayId) {
        Bytes key = keys.storeKey(cdcTopic, keyRecord);
        EnrichmentState previous = states.get(key);
        if (previous != null) {
            retire(key, previous, event.op() == Op.DELETE ? "the row was deleted" : "a newer version of the row arrived");
        }
        if (event.op() == Op.DELETE) {
            states.delete(key);
            // A row never emitted (it failed, or is still pending) has nothing to delete downstream; the JDBC sink
            // also fails for good on a tombstone for a table it has not created yet. Unknown rows still get one.
            if (previous == null || previous.getOutputFingerprint() != null) {
                outputs.tombstone(keyRecord);
            }
            if (replayId != null) {
                outputs.outcome(replayId, RowKeys.json(keyRecord), Outcome.REPLAYED, null);
            }
            return;
        }
        // A replayed event keeps the CDC topic it came from; its position there is in the dead letter.
        Optional<RecordMetadata> at = context.recordMetadata().filter(m -> m.topic().equals(cdcTopic));
        EnrichmentState state = EnrichmentStates.pending(ChangeEventParser.keyColumns(keyRecord), event, cdcTopic,
                at.map(RecordMetadata::partition).orElse(null), at.map(RecordMetadata::offset).orElse(null),
                context.currentSystemTimeMs());
        state.setReplayId(replayId);
        if (previous != null) {
            EnrichmentStates.carryOver(previous, state);
        }
        if (RowEnricher.allStepsDone(pipeline, state)) {
            finish(key, keyRecord, state, replayId == null);
        } else {
            enqueue(key, state);
        }
    }

    /** The row's older version leaves the pending index and its work is abandoned. */
    private void retire(Bytes key, EnrichmentState previous, String reason) {
        if (previous.getReplayId() != null) {
            outputs.outcome(previous.getReplayId(), previous.getKey(), Outcome.STALE,
                    reason + " while it was being replayed");
        }
        if (previous.getPendingSeq() != null) {
            pending.remove(previous.getPendingSeq());
        }
        calls.abandon(key);
    }

    /** Writes the row PENDING and appends it to the pending index; it starts at once if a slot is free. */
    private void enqueue(Bytes key, EnrichmentState state) {
        state.setStatus(EnrichmentStatus.PENDING);
        long seq = pending.append(key);
        state.setPendingSeq(seq);
        states.put(key, state);
        if (startable() > 0 && pending.handOut(seq)) {
            calls.start(key, seq, state);
        }
        tick();
    }

    private void finish(Bytes key, GenericRecord keyRecord, EnrichmentState state, boolean skipIfUnchanged) {
        finishedRows.finish(keyRecord, state, skipIfUnchanged, context.currentSystemTimeMs());
        states.put(key, state);
    }

    private void replay(ReplayRequest request) {
        switch (request) {
            case ReplayRequest.Rejected rejected -> outputs.outcome(rejected.replayId(), rejected.keyJson(),
                    rejected.outcome(), rejected.message());
            case ReplayRequest.StillUndecodable still -> {
                outputs.deadLetter(still.sourceKey(), still.letter());
                outputs.outcome(still.replayId(), still.keyJson(), Outcome.FAILED_AGAIN,
                        still.letter().getErrorType() + ": " + still.letter().getErrorMessage());
            }
            case ReplayRequest.Reapply reapply -> apply(reapply.keyRecord(), reapply.event(), reapply.cdcTopic(),
                    reapply.replayId());
            case ReplayRequest.Rewrite rewrite -> finish(rewrite.key(), rewrite.keyRecord(), rewrite.state(), false);
            case ReplayRequest.Resume resume -> enqueue(resume.key(), resume.state());
        }
    }

    /** Over the soft limit: let finished work drain for a short, bounded time before taking the next record. */
    private void slowIntake() {
        long deadline = System.nanoTime() + config.intakeWait().toNanos();
        while (pending.size() > config.pendingSoftLimit() && System.nanoTime() < deadline) {
            drain();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** Applies finished work and refills the in-flight set; stops the punctuator when nothing is pending. */
    private void drain() {
        applyCompletions();
        refill();
        if (pending.size() == 0 && calls.isEmpty() && ticking != null) {
            ticking.cancel();
            ticking = null;
        }
    }

    private void tick() {
        if (ticking == null) {
            ticking = context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, now -> drain());
        }
    }

    private int startable() {
        return backoff.allowed(context.currentSystemTimeMs(), calls.capacity(), calls.size());
    }

    /** Starts waiting rows, oldest first, as far as the in-flight bound and the backoff allow. */
    private void refill() {
        int room = startable();
        if (room <= 0 || !pending.hasWaiting()) {
            return;
        }
        for (KeyValue<Long, Bytes> entry : pending.take(room)) {
            EnrichmentState state = states.get(entry.value);
            if (state == null || !entry.key.equals(state.getPendingSeq())) {
                pending.remove(entry.key); // left behind by a version that was superseded
            } else {
                calls.start(entry.value, entry.key, state);
            }
        }
    }

    /**
     * Applies the results that came back, to the in-flight rows' own copies of their states. A row's state is written
     * once per call of this method, however many of its results arrived (a step and the row's end, typically).
     */
    private void applyCompletions() {
        Completion completion;
        while ((completion = calls.poll()) != null) {
            InFlightCalls.Call call = calls.callOf(completion);
            if (call == null) {
                continue; // the work was abandoned: a newer version or a delete took its place
            }
            EnrichmentState state = call.state();
            state.setAttempts(Math.max(state.getAttempts(), call.attempt()));
            if (completion instanceof Completion.StepDone done) {
                EnrichmentStates.recordStep(state, done.step(), done.output(), done.fingerprint(),
                        context.currentSystemTimeMs());
                cache.put(done, state.getProcessed().get(done.step()));
                stepsDone.put(done.key(), state);
            } else {
                stepsDone.remove(completion.key());
                ended(completion, state);
            }
        }
        stepsDone.forEach(states::put);
        stepsDone.clear();
    }

    /** The row's work ended: the row is finished, dead-lettered, or sent back to wait after a passing failure. */
    private void ended(Completion completion, EnrichmentState state) {
        calls.ended(completion.key());
        pending.remove(completion.seq());
        state.setPendingSeq(null);
        long now = context.currentSystemTimeMs();
        switch (completion) {
            case Completion.Finished finished -> {
                backoff.onAnswer();
                finish(finished.key(), keys.keyRecord(state, finished.key()), state, false);
            }
            case Completion.Failed failed when failed.transientFailure() -> {
                backoff.onTransientFailure(failed, pending.size(), now);
                enqueue(failed.key(), state);
            }
            case Completion.Failed failed -> {
                backoff.onAnswer();
                rowFailures.failed(failed.key(), state, failed, now);
                states.put(failed.key(), state);
            }
            case Completion.StepDone done -> throw new IllegalArgumentException("not an end: " + done);
        }
    }

    @Override
    public void close() {
        if (ticking != null) {
            ticking.cancel();
        }
        if (calls != null) {
            calls.close();
        }
    }
}
