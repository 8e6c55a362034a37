package io.cognitivecdc.topology;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.cdc.InvalidChangeEventException;
import io.cognitivecdc.cdc.Op;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.steps.Fingerprints;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Enriches change events with many model calls in flight, without giving up Kafka Streams' guarantees.
 *
 * <ul>
 *   <li>{@code process} parses the event. A delete forwards a tombstone and forgets the row. A create, read or
 *       update whose steps would all be asked exactly what they were asked before is finished at once, with no model
 *       call, and emits nothing if the enriched row would not change (this ends the loop when the sink writes into a
 *       captured table). Otherwise the row's state is written PENDING into the store, with finished steps carried over, and
 *       its key appended to a durable pending index in arrival order, before {@code process} returns.
 *   <li>A wall-clock punctuator applies finished work (each finished step is written into the state at once; a row
 *       whose steps are all done is forwarded and marked DONE; a permanent failure is marked FAILED and reported)
 *       and refills the in-flight set from the pending index, oldest first, up to
 *       {@value EnrichmentProcessorConfig#MAX_IN_FLIGHT_CONFIG} rows. The backlog beyond that waits in the store.
 *   <li>At most one piece of work per key is in flight; a newer version of a row supersedes the older one, whose
 *       results are then dropped. Steps whose input fingerprint did not change are reused; identical questions to
 *       the same step (same prompt, model and inputs) are answered from a bounded, changelogged cache.
 *   <li>A passing failure (rate limit, outage, timeout) leaves the row pending and pauses new calls with exponential
 *       backoff, and at least as long as the provider's {@code Retry-After}; the stream thread never waits on a model,
 *       so an outage cannot turn into rebalances.
 *   <li>On {@code init} (start, restore, rebalance) the pending index is the work list: every pending row is
 *       resubmitted from its first unfinished step. On {@code close} in-flight calls are abandoned.
 * </ul>
 *
 * <p>State writes, outputs and input offsets commit together under exactly-once, so a crash loses nothing and repeats
 * at most the model calls that were in flight.
 */
final class AsyncEnrichmentProcessor implements Processor<GenericRecord, GenericRecord, GenericRecord, GenericRecord> {

    static final String STATE_STORE = "enrichment-state";
    static final String PENDING_STORE = "enrichment-pending";
    static final String CACHE_STORE = "enrichment-step-cache";

    private static final Logger log = LoggerFactory.getLogger(AsyncEnrichmentProcessor.class);
    private static final AtomicLong WORK_IDS = new AtomicLong();

    private final Pipeline pipeline;
    private final EnrichedRows rows;
    private final Serde<GenericRecord> keySerde;
    private final EnrichmentFailureHandler failures;
    private final EnrichmentProcessorConfig config;
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final Map<Bytes, InFlight> inFlight = new HashMap<>();

    private ProcessorContext<GenericRecord, GenericRecord> context;
    private KeyValueStore<Bytes, EnrichmentState> states;
    private KeyValueStore<Long, Bytes> pending;
    private KeyValueStore<String, String> cacheStore;
    private StepOutputCache cache;
    private ExecutorService executor;
    private Cancellable punctuation;
    private long nextSeq;
    private long pendingCount;
    private long pausedUntilMs;
    private long backoffMs;

    private record InFlight(long workId, long seq, Future<?> future) {
    }

    AsyncEnrichmentProcessor(Pipeline pipeline, EnrichedRows rows, Serde<GenericRecord> keySerde,
                             EnrichmentFailureHandler failures, EnrichmentProcessorConfig config) {
        this.pipeline = pipeline;
        this.rows = rows;
        this.keySerde = keySerde;
        this.failures = failures;
        this.config = config;
    }

    @Override
    public void init(ProcessorContext<GenericRecord, GenericRecord> context) {
        this.context = context;
        this.states = context.getStateStore(STATE_STORE);
        this.pending = context.getStateStore(PENDING_STORE);
        this.cacheStore = context.getStateStore(CACHE_STORE);
        this.cache = new StepOutputCache(config.cacheMaxEntries());
        cache.load(cacheStore);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        try (KeyValueIterator<Long, Bytes> all = pending.all()) {
            long last = -1;
            long count = 0;
            while (all.hasNext()) {
                last = all.next().key;
                count++;
            }
            nextSeq = last + 1;
            pendingCount = count;
        }
        if (pendingCount > 0) {
            log.info("Task {} resumes {} pending row(s)", context.taskId(), pendingCount);
        }
        punctuation = context.schedule(config.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, now -> drain());
    }

    @Override
    public void process(Record<GenericRecord, GenericRecord> record) {
        Optional<ChangeEvent> parsed;
        try {
            parsed = ChangeEventParser.parse(record.value());
        } catch (InvalidChangeEventException e) {
            log.warn("Skipping record at {}: not a Debezium change event: {}", position(), e.getMessage());
            return;
        }
        if (parsed.isEmpty()) {
            // Debezium's own tombstone after a delete; the delete event itself already produced ours.
            return;
        }
        ChangeEvent event = parsed.get();
        if (event.op() == Op.TRUNCATE) {
            log.warn("Ignoring truncate of {} at {}: truncates are not propagated to the enriched table",
                    event.source().qualifiedTable(), position());
            return;
        }
        if (record.key() == null) {
            log.warn("Skipping change event at {}: it has no key (does the table have a primary key?)", position());
            return;
        }
        Bytes key = Bytes.wrap(keySerde.serializer().serialize(topic(), record.key()));
        EnrichmentState previous = states.get(key);
        if (event.op() == Op.DELETE) {
            forget(key, previous);
            context.forward(record.withValue(null));
            return;
        }
        accept(key, record, event, previous);
        if (pendingCount > config.pendingSoftLimit()) {
            slowIntake();
        }
    }

    private void accept(Bytes key, Record<GenericRecord, GenericRecord> record, ChangeEvent event,
                        EnrichmentState previous) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        long now = context.currentSystemTimeMs();
        EnrichmentState state = EnrichmentStates.pending(ChangeEventParser.keyColumns(record.key()), event,
                metadata == null ? null : metadata.topic(), metadata == null ? null : metadata.partition(),
                metadata == null ? null : metadata.offset(), now);
        if (previous != null) {
            // Finished steps carry over; the fingerprints decide which of them still hold for the new version.
            state.getProcessed().putAll(previous.getProcessed());
            state.getStepInputs().putAll(previous.getStepInputs());
            state.getLog().addAll(previous.getLog());
            state.setOutputFingerprint(previous.getOutputFingerprint());
            dequeue(key, previous);
        }
        if (RowEnricher.allStepsDone(pipeline, state)) {
            finish(key, record.key(), state, now, true);
            return;
        }
        long seq = nextSeq++;
        state.setPendingSeq(seq);
        pending.put(seq, key);
        pendingCount++;
        states.put(key, state);
    }

    /** Takes a row out of the pending index and abandons its work, because it was deleted or superseded. */
    private void dequeue(Bytes key, EnrichmentState previous) {
        if (previous.getPendingSeq() != null) {
            pending.delete(previous.getPendingSeq());
            pendingCount--;
        }
        InFlight running = inFlight.remove(key);
        if (running != null) {
            running.future().cancel(true);
        }
    }

    private void forget(Bytes key, EnrichmentState previous) {
        if (previous != null) {
            dequeue(key, previous);
            states.delete(key);
        }
    }

    /**
     * Emits the row and marks it DONE. When no step had to run ({@code skipIfUnchanged}), a row identical to the last
     * one emitted is not emitted again: that is the sink's own write coming back, and emitting it would loop.
     */
    private void finish(Bytes key, GenericRecord keyRecord, EnrichmentState state, long now, boolean skipIfUnchanged) {
        GenericRecord row = rows.build(state, now);
        String fingerprint = outputFingerprint(row);
        if (!skipIfUnchanged || !fingerprint.equals(state.getOutputFingerprint())) {
            context.forward(new Record<>(keyRecord, row, now));
            state.setOutputFingerprint(fingerprint);
        }
        state.setStatus(EnrichmentStatus.DONE);
        state.setPendingSeq(null);
        state.setLastError(null);
        state.setUpdatedAtMs(now);
        states.put(key, state);
    }

    /** The row without its timestamps: what the enriched table would hold. */
    private static String outputFingerprint(GenericRecord row) {
        List<String> parts = new ArrayList<>();
        row.getSchema().getFields().stream()
                .filter(f -> !f.name().equals("enriched_at_ms") && !f.name().equals("source_ts_ms"))
                .forEach(f -> parts.add(f.name() + "=" + row.get(f.pos())));
        return Fingerprints.sha256(parts.toArray(String[]::new));
    }

    /** Over the soft limit: let finished work drain for a short, bounded time before taking the next record. */
    private void slowIntake() {
        long deadline = System.nanoTime() + config.intakeWait().toNanos();
        while (pendingCount > config.pendingSoftLimit() && System.nanoTime() < deadline) {
            drain();
            try {
                TimeUnit.MILLISECONDS.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Applies finished work and refills the in-flight set. Stream thread only. */
    private void drain() {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            apply(completion);
        }
        refill();
    }

    private void apply(Completion completion) {
        InFlight running = inFlight.get(completion.key());
        if (running == null || running.workId() != completion.workId()) {
            return;
        }
        EnrichmentState state = states.get(completion.key());
        if (state == null || !Long.valueOf(completion.seq()).equals(state.getPendingSeq())) {
            inFlight.remove(completion.key());
            return;
        }
        long now = context.currentSystemTimeMs();
        switch (completion) {
            case Completion.StepDone done -> {
                EnrichmentStates.recordStep(state, done.step(), done.output(), done.fingerprint(), now);
                states.put(done.key(), state);
                if (!done.fromCache()) {
                    cache.put(done.fingerprint(), done.output(), cacheStore);
                }
            }
            case Completion.Finished finished -> {
                inFlight.remove(finished.key());
                pending.delete(finished.seq());
                pendingCount--;
                backoffMs = 0;
                finish(finished.key(), keySerde.deserializer().deserialize(topic(), finished.key().get()), state, now,
                        false);
            }
            case Completion.Failed failed when failed.transientFailure() -> {
                inFlight.remove(failed.key());
                pause(failed, now);
            }
            case Completion.Failed failed -> {
                inFlight.remove(failed.key());
                pending.delete(failed.seq());
                pendingCount--;
                state.setPendingSeq(null);
                state.setStatus(EnrichmentStatus.FAILED);
                state.setLastError(failed.errorType() + ": " + failed.message());
                state.setUpdatedAtMs(now);
                states.put(failed.key(), state);
                failures.onFailure(new EnrichmentFailure(state.getKey(), failed.step(), failed.errorType(),
                        failed.message(), failed.validationErrors(), failed.attempts(), false, state));
            }
        }
    }

    /**
     * A passing failure: the row stays pending, and new calls wait, longer each time it happens again, and at least as
     * long as the provider asked ({@code Retry-After}).
     */
    private void pause(Completion.Failed failed, long now) {
        backoffMs = backoffMs == 0 ? config.backoffInitial().toMillis()
                : Math.min(backoffMs * 2, config.backoffMax().toMillis());
        long waitMs = Math.max(backoffMs, failed.retryAfterMs());
        if (now >= pausedUntilMs) {
            log.warn("Model calls pause for {} ms: step {} failed with {} ({}); {} row(s) wait", waitMs,
                    failed.step(), failed.errorType(), failed.message(), pendingCount);
        }
        pausedUntilMs = Math.max(pausedUntilMs, now + waitMs);
    }

    private void refill() {
        if (inFlight.size() >= config.maxInFlight() || pendingCount == 0
                || context.currentSystemTimeMs() < pausedUntilMs) {
            return;
        }
        List<Long> staleEntries = new ArrayList<>();
        try (KeyValueIterator<Long, Bytes> oldestFirst = pending.all()) {
            while (oldestFirst.hasNext() && inFlight.size() < config.maxInFlight()) {
                KeyValue<Long, Bytes> entry = oldestFirst.next();
                if (inFlight.containsKey(entry.value)) {
                    continue;
                }
                EnrichmentState state = states.get(entry.value);
                if (state == null || !entry.key.equals(state.getPendingSeq())) {
                    staleEntries.add(entry.key);
                    continue;
                }
                submit(entry.value, entry.key, state);
            }
        }
        staleEntries.forEach(seq -> {
            pending.delete(seq);
            pendingCount--;
        });
    }

    private void submit(Bytes key, long seq, EnrichmentState state) {
        state.setAttempts(state.getAttempts() + 1);
        states.put(key, state);
        long workId = WORK_IDS.incrementAndGet();
        EnrichmentState copy = SpecificData.get().deepCopy(EnrichmentState.getClassSchema(), state);
        Future<?> future = executor.submit(new EnrichmentWork(key, workId, seq, copy, pipeline, cache, completions,
                System::currentTimeMillis));
        inFlight.put(key, new InFlight(workId, seq, future));
    }

    private String topic() {
        return context.recordMetadata().map(RecordMetadata::topic).orElse(pipeline.sourceTopics().get(0));
    }

    private String position() {
        return context.recordMetadata()
                .map(m -> "topic " + m.topic() + " partition " + m.partition() + " offset " + m.offset())
                .orElse("an unknown position");
    }

    @Override
    public void close() {
        if (punctuation != null) {
            punctuation.cancel();
        }
        inFlight.values().forEach(running -> running.future().cancel(true));
        inFlight.clear();
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
