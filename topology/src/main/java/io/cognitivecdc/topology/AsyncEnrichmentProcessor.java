package io.cognitivecdc.topology;

import io.cognitivecdc.cdc.ChangeEvent;
import io.cognitivecdc.cdc.ChangeEventParser;
import io.cognitivecdc.cdc.InvalidChangeEventException;
import io.cognitivecdc.cdc.Op;
import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.deadletter.DeadLetters;
import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.schemas.EnrichmentState;
import io.cognitivecdc.schemas.EnrichmentStatus;
import io.cognitivecdc.state.EnrichmentStates;
import io.cognitivecdc.steps.Fingerprints;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.header.Header;
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

import java.nio.charset.StandardCharsets;
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
 *   <li>{@code process} parses the event. A delete forgets the row and forwards a tombstone, unless the row was
 *       never emitted. A create, read or
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
 *   <li>A permanent failure (invalid output after the corrective retries, a refusal, an unusable input) marks the
 *       row FAILED and forwards a {@link DeadLetter} with its partial state to the dead-letter topic. A record that is
 *       not a change event, or has no key, is thrown to the processing exception handler, which dead-letters it with
 *       its original bytes.
 *   <li>A dead letter republished to the replay topic resumes its row at the failed step, with the finished steps
 *       kept, unless the row was deleted or a newer version of it arrived since (stale). Each replayed record's
 *       outcome goes to the replay-results topic.
 *   <li>On {@code init} (start, restore, rebalance) the pending index is the work list: every pending row is
 *       resubmitted from its first unfinished step. On {@code close} in-flight calls are abandoned.
 * </ul>
 *
 * <p>State writes, outputs and input offsets commit together under exactly-once, so a crash loses nothing and repeats
 * at most the model calls that were in flight.
 */
final class AsyncEnrichmentProcessor implements Processor<Object, Object, Object, Object> {

    static final String STATE_STORE = "enrichment-state";
    static final String PENDING_STORE = "enrichment-pending";
    static final String CACHE_STORE = "enrichment-step-cache";

    private static final Logger log = LoggerFactory.getLogger(AsyncEnrichmentProcessor.class);
    private static final AtomicLong WORK_IDS = new AtomicLong();

    private final Pipeline pipeline;
    private final EnrichedRows rows;
    private final EnrichmentSerdes serdes;
    private final EnrichmentFailureHandler failures;
    private final EnrichmentProcessorConfig config;
    private final DeadLetterConfig topics;
    private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final Map<Bytes, InFlight> inFlight = new HashMap<>();

    private ProcessorContext<Object, Object> context;
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

    AsyncEnrichmentProcessor(Pipeline pipeline, EnrichedRows rows, EnrichmentSerdes serdes,
                             EnrichmentFailureHandler failures, EnrichmentProcessorConfig config,
                             DeadLetterConfig topics) {
        this.pipeline = pipeline;
        this.rows = rows;
        this.serdes = serdes;
        this.failures = failures;
        this.config = config;
        this.topics = topics;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
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
    public void process(Record<Object, Object> record) {
        if (topics.replayTopic().equals(topic())) {
            replay(record);
            return;
        }
        GenericRecord keyRecord = (GenericRecord) record.key();
        Optional<ChangeEvent> parsed = ChangeEventParser.parse((GenericRecord) record.value());
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
        if (keyRecord == null) {
            throw new InvalidChangeEventException("the change event has no key; the sink cannot upsert a row without "
                    + "one (does the table have a primary key?)");
        }
        apply(keyRecord, event, topic(), null);
    }

    /**
     * A create, read, update or delete of a row, new from the CDC topic or replayed.
     *
     * @param cdcTopic the CDC topic the event was read from (the key's registry subject follows it)
     * @param replayId the replay run, if the event is replayed
     */
    private void apply(GenericRecord keyRecord, ChangeEvent event, String cdcTopic, String replayId) {
        Bytes key = Bytes.wrap(serdes.key().serializer().serialize(cdcTopic, keyRecord));
        EnrichmentState previous = states.get(key);
        if (event.op() == Op.DELETE) {
            forget(key, previous);
            // A row never emitted (it failed, or is still pending) has nothing to delete downstream; the JDBC sink
            // also fails for good on a tombstone for a table it has not created yet. Unknown rows still get one.
            if (previous == null || previous.getOutputFingerprint() != null) {
                context.forward(new Record<>(keyRecord, null, context.currentSystemTimeMs()),
                        EnrichmentTopology.SINK_NAME);
            }
            if (replayId != null) {
                outcome(replayId, keyJson(keyRecord), Outcome.REPLAYED, null);
            }
            return;
        }
        accept(key, keyRecord, event, previous, replayId);
        if (pendingCount > config.pendingSoftLimit()) {
            slowIntake();
        }
    }

    private void accept(Bytes key, GenericRecord keyRecord, ChangeEvent event, EnrichmentState previous,
                        String replayId) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        long now = context.currentSystemTimeMs();
        EnrichmentState state = EnrichmentStates.pending(ChangeEventParser.keyColumns(keyRecord), event,
                metadata == null ? null : metadata.topic(), metadata == null ? null : metadata.partition(),
                metadata == null ? null : metadata.offset(), now);
        state.setReplayId(replayId);
        if (previous != null) {
            supersede(previous, "a newer version of the row arrived");
            // Finished steps carry over; the fingerprints decide which of them still hold for the new version.
            state.getProcessed().putAll(previous.getProcessed());
            state.getStepInputs().putAll(previous.getStepInputs());
            state.getLog().addAll(previous.getLog());
            state.setOutputFingerprint(previous.getOutputFingerprint());
            dequeue(key, previous);
        }
        if (RowEnricher.allStepsDone(pipeline, state)) {
            finish(key, keyRecord, state, now, replayId == null);
            return;
        }
        enqueue(key, state);
    }

    private void enqueue(Bytes key, EnrichmentState state) {
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
            supersede(previous, "the row was deleted");
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
            context.forward(new Record<>(keyRecord, row, now), EnrichmentTopology.SINK_NAME);
            state.setOutputFingerprint(fingerprint);
        }
        if (state.getReplayId() != null) {
            outcome(state.getReplayId(), state.getKey(), Outcome.REPLAYED, null);
            state.setReplayId(null);
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
                finish(finished.key(), serdes.key().deserializer().deserialize(sourceTopic(), finished.key().get()),
                        state, now, false);
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
                deadLetter(failed.key(), state, failed, now);
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

    /**
     * A dead letter republished by the replay command: a row whose step failed resumes at that step with its finished
     * steps kept; a record that could not be parsed is parsed again (the cause may have been fixed); an output that
     * could not be written is written again. Each ends with one outcome on the replay-results topic, now or when the
     * row finishes.
     */
    private void replay(Record<Object, Object> record) {
        Header header = record.headers().lastHeader(ReplayOutcome.REPLAY_ID_HEADER);
        String replayId = header == null || header.value() == null ? "unlabelled"
                : new String(header.value(), StandardCharsets.UTF_8);
        DeadLetter letter;
        try {
            letter = DeadLetters.fromGeneric(serdes.deadLetter().deserializer()
                    .deserialize(topics.deadLetterTopic(), (byte[]) record.value()));
        } catch (RuntimeException e) {
            outcome(replayId, null, Outcome.FAILED_AGAIN, "not a dead letter: " + e.getMessage());
            return;
        }
        if (letter == null) {
            outcome(replayId, null, Outcome.FAILED_AGAIN, "an empty record is not a dead letter");
            return;
        }
        String cdcTopic = letter.getSourceTopic() == null ? pipeline.sourceTopics().get(0) : letter.getSourceTopic();
        if (letter.getState() == null && letter.getSourceValue() != null) {
            reparse(letter, cdcTopic, replayId);
            return;
        }
        byte[] keyBytes = letter.getSourceKey() != null ? bytes(letter.getSourceKey()) : (byte[]) record.key();
        GenericRecord keyRecord;
        try {
            keyRecord = keyBytes == null ? null : serdes.key().deserializer().deserialize(cdcTopic, keyBytes);
        } catch (RuntimeException e) {
            outcome(replayId, letter.getKey(), Outcome.FAILED_AGAIN, "cannot decode the row key: " + e.getMessage());
            return;
        }
        if (keyRecord == null) {
            outcome(replayId, letter.getKey(), Outcome.FAILED_AGAIN, "the dead letter has no row key to replay");
            return;
        }
        Bytes key = Bytes.wrap(serdes.key().serializer().serialize(cdcTopic, keyRecord));
        EnrichmentState current = states.get(key);
        String stale = staleness(current, letter.getState());
        if (stale != null) {
            outcome(replayId, letter.getKey(), Outcome.STALE, stale);
            return;
        }
        current.setReplayId(replayId);
        if (current.getStatus() == EnrichmentStatus.DONE) {
            // Only the write failed (UNWRITABLE_OUTPUT): write the finished row again.
            finish(key, keyRecord, current, context.currentSystemTimeMs(), false);
            return;
        }
        log.info("Replay {} resumes row {} at its unfinished steps ({} step(s) already done)", replayId,
                current.getKey(), current.getProcessed().size());
        current.setStatus(EnrichmentStatus.PENDING);
        current.setUpdatedAtMs(context.currentSystemTimeMs());
        enqueue(key, current);
    }

    /**
     * Why the row's current state makes replaying {@code failed} pointless, or null if it should be replayed: the row
     * must still exist, be at the failed version, and not be pending already.
     *
     * @param failed the state in the dead letter; null when only the output failed to be written
     */
    private static String staleness(EnrichmentState current, EnrichmentState failed) {
        if (current == null) {
            return "the row was deleted since it failed";
        }
        if (failed != null && position(current).compareTo(position(failed)) > 0) {
            return "a newer version of the row (position " + position(current) + ") arrived since it failed";
        }
        if (current.getStatus() == EnrichmentStatus.PENDING) {
            return "the row is being enriched already";
        }
        if (failed != null && current.getStatus() == EnrichmentStatus.DONE) {
            return "the row was enriched since it failed";
        }
        return null;
    }

    private static String position(EnrichmentState state) {
        return state.getSourceVersion().getPosition();
    }

    /** A record that could not be decoded or parsed: run it through again from its original bytes. */
    private void reparse(DeadLetter letter, String cdcTopic, String replayId) {
        byte[] keyBytes = letter.getSourceKey() == null ? null : bytes(letter.getSourceKey());
        byte[] valueBytes = bytes(letter.getSourceValue());
        try {
            GenericRecord keyRecord = keyBytes == null ? null : serdes.key().deserializer().deserialize(cdcTopic, keyBytes);
            Optional<ChangeEvent> parsed = ChangeEventParser.parse(
                    serdes.envelope().deserializer().deserialize(cdcTopic, valueBytes));
            if (parsed.isEmpty()) {
                outcome(replayId, letter.getKey(), Outcome.STALE, "a Debezium tombstone: nothing to enrich");
                return;
            }
            if (keyRecord == null) {
                throw new InvalidChangeEventException("the change event has no key");
            }
            EnrichmentState current = states.get(Bytes.wrap(serdes.key().serializer().serialize(cdcTopic, keyRecord)));
            if (current != null && current.getSourceVersion().getPosition()
                    .compareTo(parsed.get().source().position()) > 0) {
                outcome(replayId, keyJson(keyRecord), Outcome.STALE, "a newer version of the row (position "
                        + position(current) + ") arrived since it failed");
                return;
            }
            apply(keyRecord, parsed.get(), cdcTopic, replayId);
        } catch (RuntimeException e) {
            String errorType = e instanceof InvalidChangeEventException ? "INVALID_CHANGE_EVENT" : "UNDECODABLE_RECORD";
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            long now = context.currentSystemTimeMs();
            DeadLetter again = DeadLetters.forRecord(letter.getKey(), errorType, message, cdcTopic,
                    orMinusOne(letter.getSourcePartition()), letter.getSourceOffset() == null ? -1
                            : letter.getSourceOffset(), keyBytes, valueBytes, topics.applicationId(), replayId, now);
            context.forward(new Record<>(keyBytes, again, now), EnrichmentTopology.DEAD_LETTER_SINK_NAME);
            outcome(replayId, letter.getKey(), Outcome.FAILED_AGAIN, errorType + ": " + message);
        }
    }

    private static int orMinusOne(Integer value) {
        return value == null ? -1 : value;
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** A row failed for good: FAILED in the store, a dead letter with its partial state on the dead-letter topic. */
    private void deadLetter(Bytes key, EnrichmentState state, Completion.Failed failed, long now) {
        EnrichmentState snapshot = SpecificData.get().deepCopy(EnrichmentState.getClassSchema(), state);
        DeadLetter letter = DeadLetters.forStep(snapshot, failed.step(), failed.errorType(), failed.message(),
                failed.validationErrors(), failed.attempts(), topics.applicationId(), now);
        context.forward(new Record<>(key.get(), letter, now), EnrichmentTopology.DEAD_LETTER_SINK_NAME);
        if (state.getReplayId() != null) {
            outcome(state.getReplayId(), state.getKey(), Outcome.FAILED_AGAIN,
                    failed.errorType() + ": " + failed.message());
            state.setReplayId(null);
        }
        states.put(key, state);
        failures.onFailure(new EnrichmentFailure(state.getKey(), failed.step(), failed.errorType(), failed.message(),
                failed.validationErrors(), failed.attempts(), false, state));
    }

    /** A replayed row that will not finish: a newer version or a delete took its place. */
    private void supersede(EnrichmentState previous, String reason) {
        if (previous.getReplayId() != null) {
            outcome(previous.getReplayId(), previous.getKey(), Outcome.STALE, reason + " while it was being replayed");
        }
    }

    private void outcome(String replayId, String keyJson, Outcome outcome, String message) {
        context.forward(new Record<>(replayId, new ReplayOutcome(replayId, keyJson, outcome, message).toJson(),
                context.currentSystemTimeMs()), EnrichmentTopology.REPLAY_RESULTS_SINK_NAME);
    }

    private static String keyJson(GenericRecord keyRecord) {
        return EnrichmentStates.toJson(ChangeEventParser.keyColumns(keyRecord));
    }

    private String sourceTopic() {
        return context.recordMetadata().map(RecordMetadata::topic)
                .filter(topic -> !topic.equals(topics.replayTopic()))
                .orElse(pipeline.sourceTopics().get(0));
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
