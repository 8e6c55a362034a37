package io.cognitivecdc.replay;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {

    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private ProgressLine progress(boolean terminal) {
        return new ProgressLine(new PrintWriter(text), terminal, Duration.ofMinutes(5), nanos::get);
    }

    private void after(Duration elapsed) {
        nanos.addAndGet(elapsed.toNanos());
    }

    @Test
    void shouldRedrawABarInPlaceOnATerminal() {
        ProgressLine line = progress(true);

        line.update(new OutcomeWaiter.Tally(0, 0, 0, 4));
        after(Duration.ofSeconds(12));
        line.update(new OutcomeWaiter.Tally(1, 1, 0, 2));
        line.finish();

        assertThat(text.toString()).isEqualTo(
                "\r[------------------------------] 0/4  replayed 0, stale 0, failed again 0  0s of 5m\u001B[K"
                        + "\r[###############---------------] 2/4  replayed 1, stale 1, failed again 0  12s of 5m\u001B[K"
                        + System.lineSeparator());
    }

    @Test
    void shouldRedrawAtMostFiveTimesASecondButAlwaysTheLastState() {
        ProgressLine line = progress(true);

        line.update(new OutcomeWaiter.Tally(0, 0, 0, 3));
        line.update(new OutcomeWaiter.Tally(1, 0, 0, 2));
        line.update(new OutcomeWaiter.Tally(3, 0, 0, 0));

        assertThat(text.toString()).contains("0/3").doesNotContain("1/3").contains("3/3");
    }

    @Test
    void shouldWriteAPlainLineEveryTenSecondsElsewhere() {
        ProgressLine line = progress(false);

        line.update(new OutcomeWaiter.Tally(0, 0, 0, 4));
        after(Duration.ofSeconds(10));
        line.update(new OutcomeWaiter.Tally(2, 0, 1, 1));
        after(Duration.ofSeconds(3));
        line.update(new OutcomeWaiter.Tally(3, 0, 1, 0));
        line.finish();

        assertThat(text.toString()).isEqualTo("waiting for outcomes: 3 of 4 (replayed 2, stale 0, failed again 1), "
                + "10s of 5m" + System.lineSeparator());
    }
}
