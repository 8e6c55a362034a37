package io.cognitivecdc.llmsimulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Lock-free counters behind {@link SimulatorStats}. */
final class StatsRecorder {

    private final LongAdder requests = new LongAdder();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byTaskType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byFault = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byStep = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byDeployment = new ConcurrentHashMap<>();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder completionTokens = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    void started() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    /**
     * One request's outcome; {@code fault}, {@code route} and {@code deployment} may be null, token counts are 0 for
     * failures.
     */
    void record(int status, String taskType, String step, String fault, String route, String deployment,
                long prompt, long completion) {
        requests.increment();
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        byTaskType.computeIfAbsent(taskType, t -> new LongAdder()).increment();
        byStep.computeIfAbsent(step, s -> new LongAdder()).increment();
        if (fault != null) {
            byFault.computeIfAbsent(fault, f -> new LongAdder()).increment();
        }
        if (route != null) {
            byRoute.computeIfAbsent(route, r -> new LongAdder()).increment();
        }
        if (deployment != null) {
            byDeployment.computeIfAbsent(deployment, d -> new LongAdder()).increment();
        }
        promptTokens.add(prompt);
        completionTokens.add(completion);
    }

    SimulatorStats snapshot() {
        return new SimulatorStats(requests.sum(), sums(byStatus), sums(byTaskType), sums(byFault), sums(byStep),
                sums(byRoute), sums(byDeployment),
                promptTokens.sum(), completionTokens.sum(), inFlight.get(), maxInFlight.get());
    }

    /** Zeroes the counters; requests in flight stay counted as in flight. */
    void reset() {
        requests.reset();
        byStatus.clear();
        byTaskType.clear();
        byFault.clear();
        byStep.clear();
        byRoute.clear();
        byDeployment.clear();
        promptTokens.reset();
        completionTokens.reset();
        maxInFlight.set(inFlight.get());
    }

    private static <K> Map<K, Long> sums(Map<K, LongAdder> counters) {
        return counters.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }
}
