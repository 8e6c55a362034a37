package io.cognitivecdc.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.TestPipelines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {

    private final FakeChatModel model = new FakeChatModel();
    private final Pipeline pipeline = TestPipelines.visits(model);
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicInteger started = new AtomicInteger();
    private InFlightCalls calls;

    /** Calls wait until released and, like a blocking socket read, ignore interrupts meanwhile. */
    private void holdEveryCall() {
        model.answering(request -> {
            started.incrementAndGet();
            while (!released.get()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            return FakeChatModel.sensibleAnswer(request);
        });
    }

    private List<Completion> completionsUntil(Class<? extends Completion> last) {
        List<Completion> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Completion next;
            while ((next = calls.poll()) != null) {
                seen.add(next);
            }
            return seen.stream().anyMatch(last::isInstance);
        });
        return seen;
    }

    @AfterEach
    void stop() {
        released.set(true);
        calls.close();
        pipeline.close();
    }

    @Test
    void shouldReportEachFinishedStepThenTheFinishedRow() {
        calls = new InFlightCalls(4, pipeline, StepOutputCache.open(0, null));

        calls.start(Rows.key(1), 7, Rows.pending(1, "Outpatient check."));

        List<Completion> completions = completionsUntil(Completion.Finished.class);
        assertThat(completions).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("StepDone", "StepDone", "Finished");
        assertThat(completions).allSatisfy(c -> assertThat(c.seq()).isEqualTo(7));
        assertThat(calls.callOf(completions.get(2))).isNotNull().extracting(InFlightCalls.Call::attempt).isEqualTo(1);
    }

    @Test
    void shouldCountAbandonedCallsAgainstTheBoundUntilTheyStop() {
        holdEveryCall();
        calls = new InFlightCalls(2, pipeline, StepOutputCache.open(0, null));
        calls.start(Rows.key(1), 1, Rows.pending(1, "First."));
        calls.start(Rows.key(2), 2, Rows.pending(2, "Second."));
        await().until(() -> started.get() == 2);
        assertThat(calls.capacity()).isZero();

        calls.abandon(Rows.key(1));

        assertThat(calls.size()).isEqualTo(1);
        assertThat(calls.capacity()).as("the abandoned call still holds its connection").isZero();
        released.set(true);
        await().until(() -> calls.capacity() == 1);
    }

    @Test
    void shouldDropResultsOfAbandonedWork() {
        holdEveryCall();
        calls = new InFlightCalls(2, pipeline, StepOutputCache.open(0, null));
        calls.start(Rows.key(1), 1, Rows.pending(1, "First."));
        await().until(() -> started.get() == 1);
        calls.abandon(Rows.key(1));
        calls.start(Rows.key(1), 2, Rows.pending(1, "First, corrected."));

        released.set(true);
        List<Completion> completions = completionsUntil(Completion.Finished.class);

        assertThat(completions).filteredOn(c -> calls.callOf(c) != null)
                .allSatisfy(c -> assertThat(c.seq()).isEqualTo(2));
    }

    @Test
    void shouldStopRunningWorkOnClose() {
        model.answering(request -> {
            started.incrementAndGet();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeChatModel.sensibleAnswer(request);
        });
        calls = new InFlightCalls(2, pipeline, StepOutputCache.open(0, null));
        calls.start(Rows.key(1), 1, Rows.pending(1, "First."));
        await().until(() -> started.get() == 1);

        long before = System.nanoTime();
        calls.close();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        assertThat(calls.isEmpty()).isTrue();
        assertThat(calls.capacity()).as("the interrupted call has ended").isEqualTo(2);
    }
}
