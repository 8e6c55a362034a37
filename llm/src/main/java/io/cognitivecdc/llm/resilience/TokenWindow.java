package io.cognitivecdc.llm.resilience;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The bookkeeping of a tokens-per-window quota, exact over a sliding window, at explicit times (nanoseconds of one
 * monotonic clock). Not thread-safe: {@link TokenBudget} guards it.
 *
 * <p>A call's tokens are a {@link Charge}: <em>reserved</em> when it is admitted, <em>started</em> at the moment the
 * request is sent (the provider's window counts it from its arrival, and a call may still wait for its request quota
 * in between), then <em>settled</em> to what the provider reported, or <em>refunded</em> when the provider refused it.
 * A call is admitted only if the started charges of the last window, plus every reserved one, plus its own, stay
 * within the limit. Charges start in time order, so every sliding window, whenever it ends, holds at most the limit
 * (as estimated): the window ending at any instant holds the started charges since its start, and the latest of them
 * to be admitted was admitted with all the others counted.
 *
 * <p>Admissions are also paced at the limit's average rate, allowing a twentieth of the window's tokens ahead of it
 * (a generic cell rate algorithm): the window alone would admit a whole window's tokens at once and then nothing, a
 * burst that providers evaluating their quota over a few seconds (Azure does) refuse, and that later windows would
 * repeat, since tokens leave a window in the order they came. The allowance lets the window, not the pace, decide in
 * the long run: paced to the token, every admission would wait for whichever of its own tokens and its predecessor's
 * is larger.
 */
final class TokenWindow {

    /** One call's tokens. */
    static final class Charge {
        private static final long NOT_STARTED = Long.MIN_VALUE;

        private long tokens;
        private long startedAt = NOT_STARTED;

        private Charge(long tokens) {
            this.tokens = tokens;
        }

        long tokens() {
            return tokens;
        }

        boolean started() {
            return startedAt != NOT_STARTED;
        }
    }

    private final long limit;
    private final long windowNanos;
    private final long paceAllowanceNanos;
    private final Deque<Charge> inWindow = new ArrayDeque<>();
    private long startedTokens;
    private long reservedTokens;
    private long chargedTokens;
    /** When the admissions so far would have ended at the average rate; the pace allows the next before that. */
    private long nextAdmission = Long.MIN_VALUE / 2;

    /**
     * @param limit       tokens per window
     * @param windowNanos the window's length
     */
    TokenWindow(long limit, long windowNanos) {
        if (limit <= 0 || windowNanos <= 0) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.limit = limit;
        this.windowNanos = windowNanos;
        this.paceAllowanceNanos = windowNanos / 20;
    }

    long limit() {
        return limit;
    }

    /**
     * How long until {@code tokens} may be admitted: 0 now, {@link Long#MAX_VALUE} when that depends on reserved
     * calls starting first.
     */
    long nanosUntilRoom(long tokens, long now) {
        expire(now);
        long excess = startedTokens + reservedTokens + tokens - limit;
        long windowWait = 0;
        if (excess > 0) {
            if (reservedTokens + tokens > limit) {
                return Long.MAX_VALUE;
            }
            long freed = 0;
            for (Charge charge : inWindow) {
                freed += charge.tokens;
                if (freed >= excess) {
                    windowWait = charge.startedAt + windowNanos - now;
                    break;
                }
            }
        }
        long paceWait = nextAdmission - paceAllowanceNanos > now ? nextAdmission - paceAllowanceNanos - now : 0;
        return Math.max(windowWait, paceWait);
    }

    /** Admits {@code tokens} now; only after {@link #nanosUntilRoom} said 0 at the same time. */
    Charge reserve(long tokens, long now) {
        if (nanosUntilRoom(tokens, now) != 0) {
            throw new IllegalStateException("no room for " + tokens + " tokens");
        }
        reservedTokens += tokens;
        chargedTokens += tokens;
        nextAdmission = Math.max(nextAdmission, now) + pace(tokens);
        return new Charge(tokens);
    }

    /** The call's request is being sent now: its tokens count in the window from now on. */
    void start(Charge charge, long now) {
        if (charge.started()) {
            throw new IllegalStateException("the charge started already");
        }
        expire(now);
        reservedTokens -= charge.tokens;
        charge.startedAt = now;
        inWindow.addLast(charge);
        startedTokens += charge.tokens;
    }

    /** Replaces a started charge's estimate with what the provider counted. */
    void settle(Charge charge, long tokens, long now) {
        if (!charge.started()) {
            throw new IllegalStateException("only a started charge is settled");
        }
        adjust(charge, tokens - charge.tokens, now);
    }

    /** Takes the charge back: the provider did not accept the call. */
    void refund(Charge charge, long now) {
        adjust(charge, -charge.tokens, now);
    }

    private void adjust(Charge charge, long delta, long now) {
        expire(now);
        if (!charge.started()) {
            reservedTokens += delta;
        } else if (charge.startedAt + windowNanos > now) {
            startedTokens += delta;
        }
        charge.tokens += delta;
        chargedTokens += delta;
        nextAdmission += pace(delta);
    }

    /** Tokens counted now: started in the last window, and reserved. */
    long used(long now) {
        expire(now);
        return startedTokens + reservedTokens;
    }

    /** Every token charged so far, net of settlements and refunds. */
    long charged() {
        return chargedTokens;
    }

    /** The time {@code tokens} take at the limit's average rate (negative for a refund). */
    private long pace(long tokens) {
        return Math.round((double) tokens * windowNanos / limit);
    }

    private void expire(long now) {
        while (!inWindow.isEmpty() && inWindow.peekFirst().startedAt + windowNanos <= now) {
            startedTokens -= inWindow.pollFirst().tokens;
        }
    }
}
