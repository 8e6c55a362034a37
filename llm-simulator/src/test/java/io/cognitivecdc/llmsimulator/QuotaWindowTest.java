package io.cognitivecdc.llmsimulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The sliding one-minute quota. */
class QuotaWindowTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void requests_beyond_the_per_minute_limit_wait_for_the_oldest_to_leave_the_window() {
        QuotaWindow window = new QuotaWindow(new QuotaSettings(2, 0), now::get);

        assertThat(window.tryAdmit(10)).isEmpty();
        advance(Duration.ofSeconds(10));
        assertThat(window.tryAdmit(10)).isEmpty();
        assertThat(window.tryAdmit(10)).contains(Duration.ofSeconds(50));
        advance(Duration.ofSeconds(50));
        assertThat(window.tryAdmit(10)).isEmpty();
    }

    @Test
    void tokens_beyond_the_per_minute_limit_wait_until_enough_leave() {
        QuotaWindow window = new QuotaWindow(new QuotaSettings(0, 100), now::get);

        assertThat(window.tryAdmit(60)).isEmpty();
        advance(Duration.ofSeconds(20));
        assertThat(window.tryAdmit(30)).isEmpty();
        assertThat(window.tryAdmit(20)).contains(Duration.ofSeconds(40));
        assertThat(window.tryAdmit(10)).as("a smaller request still fits").isEmpty();
    }

    @Test
    void unlimited_admits_everything() {
        QuotaWindow window = new QuotaWindow(QuotaSettings.unlimited(), now::get);

        for (int i = 0; i < 1000; i++) {
            assertThat(window.tryAdmit(1_000_000)).isEmpty();
        }
    }
}
