package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.Durations;
import io.cognitivecdc.llm.LlmCallException.Kind;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.time.Duration;

/**
 * Requests per minute through a Resilience4j {@link RateLimiter}, sized so that no sliding minute ever holds more
 * requests than the quota.
 *
 * <p>Resilience4j's {@code AtomicRateLimiter} hands out {@code limitForPeriod} permits per fixed period, refreshed at
 * each period's start, while Azure (and the LLM simulator) count requests over a sliding minute. A sliding minute
 * overlaps up to {@code n + 1} periods when a minute holds {@code n} of them, so the quota allows
 * {@code (n + 1) × limitForPeriod} at most: with {@code n} periods per minute of {@code limitForPeriod} permits each
 * and {@code (n + 1) × limitForPeriod ≤ allowed}, no sliding minute can exceed it. Permits per period stay small (about
 * 600 periods a minute) so that requests leave evenly — providers also evaluate quotas over seconds — and the
 * rounding gives away at most two periods' permits. {@code allowed} keeps a safety margin of 2 % of the quota (none
 * below 50 requests a minute, where it would cost a whole request): a request reaches the provider a little after
 * its permit, by a varying delay.
 */
final class RequestQuota {

    /** Share of the quota left unused for the delay between a permit and the request's arrival. */
    static final double SAFETY_MARGIN = 0.02;
    private static final int PERIODS_PER_WINDOW = 600;

    private RequestQuota() {
    }

    /** The requests a window may hold after the safety margin; at least 2. */
    static int allowed(int requestsPerWindow) {
        return Math.max(2, requestsPerWindow - (int) (requestsPerWindow * SAFETY_MARGIN));
    }

    /**
     * A limiter configuration that keeps every sliding {@code window} within {@code requestsPerWindow} requests.
     *
     * @param maxWait the longest a caller waits for a permit
     */
    static RateLimiterConfig config(int requestsPerWindow, Duration window, Duration maxWait) {
        int allowed = allowed(requestsPerWindow);
        int perPeriod = Math.max(1, allowed / PERIODS_PER_WINDOW);
        long periods = allowed / perPeriod - 1;
        // Rounding the period up keeps a window's periods at n or fewer.
        long periodNanos = (window.toNanos() + periods - 1) / periods;
        return RateLimiterConfig.custom()
                .limitForPeriod(perPeriod)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(maxWait)
                .build();
    }

    /**
     * Waits for a permit.
     *
     * @throws LocalRejection when the permit would come later than the limiter's timeout
     */
    static void acquire(RateLimiter limiter, String provider) {
        long nanos = limiter.reservePermission();
        if (nanos < 0) {
            // The queue for permits is longer than the timeout: the first free permit is at least that far away.
            Duration timeout = limiter.getRateLimiterConfig().getTimeoutDuration();
            throw new LocalRejection(Kind.RATE_LIMITED, "provider '" + provider + "': no room in its "
                    + "requests-per-minute quota within " + Durations.format(timeout), timeout);
        }
        if (nanos > 0) {
            try {
                Thread.sleep(Duration.ofNanos(nanos));
            } catch (InterruptedException e) {
                throw LocalRejection.interrupted(provider, "room in its request quota");
            }
        }
    }
}
