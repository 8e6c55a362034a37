package io.cognitivecdc.llm.resilience;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request quota with Resilience4j's own limiter on a simulated clock: callers arrive in bursts and at random, each
 * reserves a permit and its request leaves when the permit is due.
 */
class RequestQuotaTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @ParameterizedTest(name = "{0} requests per minute")
    @ValueSource(ints = {2, 6, 49, 60, 100, 599, 600, 601, 1_000, 9_999, 90_000})
    void shouldNeverExceedRequestsPerMinuteInAnySlidingMinute(int quota) {
        List<Long> sent = sendAsManyAsAllowed(quota, 10);

        int busiest = 0;
        int first = 0;
        for (int last = 0; last < sent.size(); last++) {
            while (sent.get(last) - sent.get(first) >= MINUTE) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        assertThat(busiest).isLessThanOrEqualTo(quota);
    }

    @ParameterizedTest(name = "{0} requests per minute")
    @ValueSource(ints = {60, 600, 1_000, 90_000})
    void shouldUseAllButTheSafetyMarginOfTheQuota(int quota) {
        List<Long> sent = sendAsManyAsAllowed(quota, 10);

        long inLastFiveMinutes = sent.stream().filter(t -> t >= 5 * MINUTE).count();
        assertThat(inLastFiveMinutes / 5.0).isGreaterThanOrEqualTo(quota * 0.96);
    }

    /** Send times over {@code minutes} of callers that keep a queue of requests waiting for permits. */
    private static List<Long> sendAsManyAsAllowed(int quota, int minutes) {
        AtomicLong clock = new AtomicLong(1_000);
        RateLimiterConfig config = RequestQuota.config(quota, Duration.ofMinutes(1), Duration.ofMinutes(5));
        AtomicRateLimiter limiter = new AtomicRateLimiter("azure", config, clock::get);
        Random random = new Random(quota);
        List<Long> sent = new ArrayList<>();
        long lastSent = 0;
        while (clock.get() < minutes * MINUTE) {
            int burst = 1 + random.nextInt(Math.max(1, quota / 20));
            for (int i = 0; i < burst; i++) {
                long wait = limiter.reservePermission();
                if (wait >= 0) {
                    lastSent = clock.get() + wait;
                    sent.add(lastSent);
                }
            }
            // Next arrivals come before the queue runs dry, or at a random moment once it has.
            long queued = lastSent - clock.get();
            clock.addAndGet(queued > 0 ? (long) (random.nextDouble() * queued) : 1 + random.nextInt(60_000) * MINUTE
                    / 60_000 / quota);
        }
        sent.sort(Long::compare);
        return sent;
    }
}
