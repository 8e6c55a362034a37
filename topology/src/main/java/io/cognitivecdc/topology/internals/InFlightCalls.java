package io.cognitivecdc.topology.internals;

import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.schemas.EnrichmentState;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of one task being enriched right now, each on its own virtual thread, and the queue their results come
 * back on. At most one piece of work per row key; the bound counts work that was abandoned but has not stopped yet,
 * so superseding rows quickly cannot put more calls in flight than allowed.
 */
public final class InFlightCalls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InFlightCalls.class);
    private static final AtomicLong WORK_IDS = new AtomicLong();
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    /**
     * One row's work.
     *
     * @param attempt which start of enrichment this is for the row's current version (1 for the first)
     * @param state   the stream thread's copy of the row's state, to which the work's results are applied, so that
     *                applying them costs no read of the store
     */
    public record Call(long workId, long seq, int attempt, EnrichmentState state, Future<?> future) {
    }

    private final int maxInFlight;
    private final Pipeline pipeline;
    private final StepOutputCache cache;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<Completion> completions = new ConcurrentLinkedQueue<>();
    private final Map<Bytes, Call> calls = new HashMap<>();
    private final AtomicInteger running = new AtomicInteger();

    public InFlightCalls(int maxInFlight, Pipeline pipeline, StepOutputCache cache) {
        this.maxInFlight = maxInFlight;
        this.pipeline = pipeline;
        this.cache = cache;
    }

    /** How many more rows may start now. */
    public int capacity() {
        return maxInFlight - Math.max(calls.size(), running.get());
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    public int size() {
        return calls.size();
    }

    /**
     * Starts the row's unfinished steps. The work runs on a copy of {@code state}; {@code state} itself stays the
     * stream thread's, available through {@link #callOf}.
     */
    public void start(Bytes key, long seq, EnrichmentState state) {
        long workId = WORK_IDS.incrementAndGet();
        int attempt = state.getAttempts() + 1;
        EnrichmentState copy = SpecificData.get().deepCopy(EnrichmentState.getClassSchema(), state);
        EnrichmentWork work = new EnrichmentWork(key, workId, seq, copy, pipeline, cache, completions,
                System::currentTimeMillis);
        running.incrementAndGet();
        Future<?> future = executor.submit(() -> {
            try {
                work.run();
            } finally {
                running.decrementAndGet();
            }
        });
        calls.put(key, new Call(workId, seq, attempt, state, future));
    }

    /** The next result, or null. */
    public Completion poll() {
        return completions.poll();
    }

    /** The call a result belongs to, or null when the result is of abandoned work and must be dropped. */
    public Call callOf(Completion completion) {
        Call call = calls.get(completion.key());
        return call != null && call.workId() == completion.workId() ? call : null;
    }

    /** The row's work has ended (it finished, failed, or its result was applied for the last time). */
    public void ended(Bytes key) {
        calls.remove(key);
    }

    /** Abandons the row's work, if any: a newer version of the row or its delete took its place. */
    public void abandon(Bytes key) {
        Call call = calls.remove(key);
        if (call != null) {
            call.future().cancel(true);
        }
    }

    /** Abandons all work and waits a little for it to stop, so that no call outlives the task by much. */
    @Override
    public void close() {
        calls.values().forEach(call -> call.future().cancel(true));
        calls.clear();
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} model call(s) still running {} s after the task closed; they are abandoned",
                        running.get(), CLOSE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
