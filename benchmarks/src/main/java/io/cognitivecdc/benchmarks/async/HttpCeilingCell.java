package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.benchmarks.ChangeRows;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineStep;
import org.apache.avro.generic.GenericRecord;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling of P1: the model path alone, without Kafka. As many callers as the topology keeps rows in flight
 * (C per task × tasks) each ask the pipeline's classify step again and again, through the real Azure OpenAI provider
 * and the simulator at the same latency, for a fixed time. Whatever rate this reaches below {@code C × tasks / L},
 * the provider's HTTP client and the simulator on the same cores cost; no processor can do better than it.
 */
final class HttpCeilingCell {

    private static final Duration WARM_UP = Duration.ofSeconds(2);

    /**
     * What the callers reached.
     *
     * @param callers calls in flight at any moment
     * @param rate    answered calls per second
     */
    record Ceiling(int callers, Duration latency, double seconds, long calls, double rate) {

        double limit() {
            return callers / (latency.toNanos() / 1e9);
        }

        double ratio() {
            return rate / limit();
        }
    }

    private HttpCeilingCell() {
    }

    static Ceiling measure(int callers, Duration latency, Duration measured) {
        try (SimulatedModel model = new SimulatedModel(latency);
             Pipeline pipeline = BenchPipeline.read(new BenchBroker.Topics("ceiling.in", "ceiling.out"), model, 1)) {
            PipelineStep step = pipeline.steps().get(0);
            AtomicLong answered = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService callersPool = Executors.newVirtualThreadPerTaskExecutor();
            for (int caller = 0; caller < callers; caller++) {
                int first = caller * 1_000_000;
                callersPool.submit(() -> ask(step, first, stop, answered));
            }
            sleep(WARM_UP);
            long before = answered.get();
            long started = System.nanoTime();
            sleep(measured);
            long calls = answered.get() - before;
            double seconds = (System.nanoTime() - started) / 1e9;
            stop.set(true);
            callersPool.shutdownNow();
            return new Ceiling(callers, latency, seconds, calls, calls / seconds);
        }
    }

    /** One caller: a row of its own for every call, so that no answer is reused. */
    private static Void ask(PipelineStep step, int firstRow, AtomicBoolean stop, AtomicLong answered) {
        for (int row = firstRow; !stop.get(); row++) {
            String notes = ((GenericRecord) ChangeRows.uniqueInsert(row).get("after")).get("clinical_notes").toString();
            step.step().run(Map.of("text", notes), "{\"id\":" + row + "}");
            answered.incrementAndGet();
        }
        return null;
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the model path", e);
        }
    }
}
