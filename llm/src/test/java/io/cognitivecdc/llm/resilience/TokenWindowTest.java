package io.cognitivecdc.llm.resilience;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenWindowTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    private final TokenWindow window = new TokenWindow(1_000, MINUTE);

    @Test
    void shouldAdmitWithinTheLimitAndThenWaitForTheOldestTokensToLeaveTheWindow() {
        started(600, 0);
        long paced = window.nanosUntilRoom(300, 0);
        started(300, paced);

        assertThat(window.used(paced)).isEqualTo(900);
        assertThat(window.nanosUntilRoom(200, paced)).as("room once the first 600 leave, a minute after they started")
                .isEqualTo(MINUTE - paced);
        assertThat(window.nanosUntilRoom(200, MINUTE)).isZero();
        assertThat(window.used(MINUTE)).isEqualTo(300);
    }

    @Test
    void shouldAdmitATwentiethOfTheWindowAtOnceAndPaceTheRestAtTheAverageRate() {
        // 20 of 1,000 tokens a minute take 1.2 s at the average rate; 3 s worth may go ahead of it.
        for (int i = 0; i < 3; i++) {
            window.reserve(20, 0);
        }

        assertThat(window.nanosUntilRoom(20, 0)).isEqualTo(600_000_000L);
        window.reserve(20, 600_000_000L);
        assertThat(window.nanosUntilRoom(20, 600_000_000L)).isEqualTo(1_200_000_000L);
    }

    @Test
    void shouldCountReservedTokensUntilTheCallStartsAndFromThenOnForAWindow() {
        TokenWindow.Charge charge = window.reserve(700, 0);

        assertThat(window.nanosUntilRoom(400, MINUTE)).as("reserved tokens never expire")
                .isEqualTo(Long.MAX_VALUE);
        window.start(charge, MINUTE);
        assertThat(window.used(2 * MINUTE - 1)).isEqualTo(700);
        assertThat(window.used(2 * MINUTE)).isZero();
    }

    @Test
    void shouldSettleTokenBudgetWithActualUsage() {
        TokenWindow.Charge charge = started(500, 0);

        window.settle(charge, 800, SECOND);
        assertThat(window.used(SECOND)).isEqualTo(800);
        assertThat(window.charged()).isEqualTo(800);

        window.settle(charge, 200, 2 * SECOND);
        assertThat(window.used(2 * SECOND)).isEqualTo(200);
        assertThat(window.nanosUntilRoom(800, 12 * SECOND)).isZero();
    }

    @Test
    void shouldForgetRefundedTokens() {
        TokenWindow.Charge reserved = window.reserve(400, 0);
        TokenWindow.Charge started = started(400, 24 * SECOND);

        window.refund(reserved, 30 * SECOND);
        window.refund(started, 30 * SECOND);

        assertThat(window.used(30 * SECOND)).isZero();
        assertThat(window.charged()).isZero();
        assertThat(window.nanosUntilRoom(1_000, 30 * SECOND)).isZero();
    }

    @Test
    void shouldRefuseToAdmitWithoutRoom() {
        started(900, 0);

        assertThatThrownBy(() -> window.reserve(200, 10 * SECOND)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldNeverHoldMoreThanTheLimitInAnySlidingWindow() {
        Random random = new Random(7);
        TokenWindow quota = new TokenWindow(50_000, MINUTE);
        // Calls admitted but not sent yet (a wait for the request quota in between), by when they are sent.
        TreeMap<Long, List<TokenWindow.Charge>> unsent = new TreeMap<>();
        TreeMap<Long, Long> sentTokens = new TreeMap<>();
        long now = 0;
        for (int call = 0; call < 3_000; call++) {
            long tokens = 50 + random.nextInt(950);
            long wait;
            while ((wait = quota.nanosUntilRoom(tokens, now)) != 0) {
                now += Math.min(wait, SECOND);
                while (!unsent.isEmpty() && unsent.firstKey() <= now) {
                    var due = unsent.pollFirstEntry();
                    for (TokenWindow.Charge charge : due.getValue()) {
                        quota.start(charge, due.getKey());
                        sentTokens.merge(due.getKey(), charge.tokens(), Long::sum);
                    }
                }
            }
            unsent.computeIfAbsent(now + random.nextInt(3) * SECOND, t -> new ArrayList<>())
                    .add(quota.reserve(tokens, now));
        }

        long busiest = 0;
        for (long start : sentTokens.keySet()) {
            busiest = Math.max(busiest, sentTokens.subMap(start, start + MINUTE).values().stream()
                    .mapToLong(Long::longValue).sum());
        }
        assertThat(busiest).isLessThanOrEqualTo(50_000);
        assertThat(now).as("3,000 calls of 525 tokens on average at 50,000 a minute take about 31.5 minutes, "
                + "not much more").isLessThan(33 * MINUTE);
    }

    private TokenWindow.Charge started(long tokens, long at) {
        TokenWindow.Charge charge = window.reserve(tokens, at);
        window.start(charge, at);
        return charge;
    }
}
