package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.llm.Durations;
import io.cognitivecdc.llmsimulator.FaultSettings;
import io.cognitivecdc.llmsimulator.LlmSimulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The simulator faults of {@code --faults}: on from the start of the pipeline, and cleared after {@code --faults-for}
 * or, without it, once the initial load is enriched or failed. Rows that failed meanwhile can then be replayed and
 * succeed.
 */
final class FaultWindow implements AutoCloseable {

    private final LlmSimulator simulator;
    private final PrintStream out;
    private final CountDownLatch cleared = new CountDownLatch(1);
    private final Thread timer;

    private FaultWindow(LlmSimulator simulator, Duration duration, PrintStream out) {
        this.simulator = simulator;
        this.out = out;
        this.timer = duration == null ? null : Thread.ofVirtual().name("demo-faults").start(() -> {
            try {
                Thread.sleep(duration);
                clear("after " + Durations.format(duration) + " (--faults-for)");
            } catch (InterruptedException e) {
                // the demo stops before the faults were due to be cleared; the simulator stops with it
            }
        });
    }

    /** Turns the faults of {@code options} on, if any; {@code simulator} is null unless the model is simulated. */
    static FaultWindow open(DemoOptions options, LlmSimulator simulator, PrintStream out) {
        if (!options.injectsFaults()) {
            FaultWindow none = new FaultWindow(null, null, out);
            none.cleared.countDown();
            return none;
        }
        simulator.setFaults(options.faults());
        Duration duration = options.faultsFor();
        out.println("LLM simulator faults on: " + describe(options.faults()) + ", "
                + (duration == null ? "until the initial load is done" : "for " + Durations.format(duration)));
        return new FaultWindow(simulator, duration, out);
    }

    /**
     * The initial load is enriched or failed. Without {@code --faults-for} the faults end now; with it, this waits
     * until they end, so that the live changes that follow are not failed by them.
     */
    void initialLoadDone() throws InterruptedException {
        if (timer == null) {
            clear("now that the initial load is done");
        } else if (cleared.getCount() > 0) {
            out.println("LLM simulator faults stay on until --faults-for has passed; the live changes follow then");
            cleared.await();
        }
    }

    private synchronized void clear(String when) {
        if (cleared.getCount() == 0) {
            return;
        }
        simulator.setFaults(FaultSettings.none());
        out.println("LLM simulator faults cleared " + when + "; replayed rows can succeed");
        cleared.countDown();
    }

    private static String describe(FaultSettings faults) {
        return faults.rates().entrySet().stream()
                .map(rate -> rate.getKey().wireName() + "=" + rate.getValue())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.interrupt();
        }
    }
}
