package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.Durations;
import io.cognitivecdc.llm.LlmCallException.Kind;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One provider's tokens-per-minute quota, shared by every caller: a call waits, first come first served, until the
 * quota has room for its estimated tokens ({@link TokenWindow} keeps the exact account). Calls that cannot get room
 * within their wait fail with a passing error; a call that could never fit fails for good.
 *
 * <p>Meters (tag {@code name}: the provider): {@value #USED} (tokens counted in the current window, reserved ones
 * included), {@value #LIMIT}, {@value #WAITING} (calls waiting for room) and {@value #CHARGED} (tokens charged so far,
 * after settlements and refunds).
 */
final class TokenBudget implements AutoCloseable {

    static final String USED = ResilientChatModel.TOKENS_USED_METER;
    static final String LIMIT = ResilientChatModel.TOKENS_LIMIT_METER;
    static final String WAITING = ResilientChatModel.TOKENS_WAITING_METER;
    static final String CHARGED = ResilientChatModel.TOKENS_CHARGED_METER;

    private final String provider;
    private final TokenWindow window;
    private final LongSupplier nanoClock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever room may have appeared or the head of the line changed. */
    private final Condition changed = lock.newCondition();
    private final Deque<Object> line = new ArrayDeque<>();
    private final MeterRegistry registry;
    private final List<Meter> meters;

    /**
     * @param provider  names the provider in errors and meters
     * @param limit     tokens per window
     * @param window    the quota's window (a minute, shorter in tests)
     * @param nanoClock a monotonic clock, e.g. {@code System::nanoTime}
     */
    TokenBudget(String provider, long limit, Duration window, LongSupplier nanoClock, MeterRegistry registry) {
        this.provider = provider;
        this.window = new TokenWindow(limit, window.toNanos());
        this.nanoClock = nanoClock;
        this.registry = registry;
        this.meters = List.of(
                Gauge.builder(USED, this, TokenBudget::used).tag("name", provider).baseUnit("tokens")
                        .description("Tokens counted in the provider's current quota window").register(registry),
                Gauge.builder(LIMIT, this, budget -> budget.window.limit()).tag("name", provider).baseUnit("tokens")
                        .description("Tokens the quota window admits (the quota less the safety margin)")
                        .register(registry),
                Gauge.builder(WAITING, this, TokenBudget::waiting).tag("name", provider)
                        .description("Calls waiting for room in the token quota").register(registry),
                FunctionCounter.builder(CHARGED, this, TokenBudget::charged).tag("name", provider).baseUnit("tokens")
                        .description("Tokens charged to the quota, after settlements and refunds")
                        .register(registry));
    }

    /**
     * Waits until the quota has room for {@code tokens}, at most {@code maxWait}, and reserves them.
     *
     * @throws LocalRejection when there was no room in time (passing), or the call can never fit (permanent)
     */
    TokenWindow.Charge acquire(long tokens, Duration maxWait) {
        if (tokens > window.limit()) {
            throw new LocalRejection(Kind.BAD_REQUEST, "provider '" + provider + "': the request needs about " + tokens
                    + " tokens, more than its quota admits in a minute (" + window.limit() + ")", null);
        }
        Object ticket = new Object();
        lock.lock();
        try {
            line.addLast(ticket);
            long deadline = nanoClock.getAsLong() + maxWait.toNanos();
            try {
                while (true) {
                    long now = nanoClock.getAsLong();
                    long wait = line.peekFirst() == ticket ? window.nanosUntilRoom(tokens, now) : Long.MAX_VALUE;
                    if (wait == 0) {
                        return window.reserve(tokens, now);
                    }
                    long left = deadline - now;
                    if (left <= 0) {
                        throw new LocalRejection(Kind.RATE_LIMITED, "provider '" + provider + "': no room for "
                                + tokens + " tokens in its tokens-per-minute quota within " + Durations.format(maxWait),
                                wait == Long.MAX_VALUE ? null : Duration.ofNanos(wait));
                    }
                    changed.awaitNanos(Math.min(wait, left));
                }
            } catch (InterruptedException e) {
                throw LocalRejection.interrupted(provider, "room in its token quota");
            } finally {
                line.remove(ticket);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The call's request is being sent now. */
    void start(TokenWindow.Charge charge) {
        update(() -> window.start(charge, nanoClock.getAsLong()));
    }

    /** The provider counted {@code tokens} for the call. */
    void settle(TokenWindow.Charge charge, long tokens) {
        update(() -> window.settle(charge, tokens, nanoClock.getAsLong()));
    }

    /** The provider did not accept the call, or it was never sent. */
    void refund(TokenWindow.Charge charge) {
        update(() -> window.refund(charge, nanoClock.getAsLong()));
    }

    private void update(Runnable change) {
        read(() -> {
            change.run();
            changed.signalAll();
            return 0L;
        });
    }

    long used() {
        return read(() -> window.used(nanoClock.getAsLong()));
    }

    private double waiting() {
        return read(() -> (long) line.size());
    }

    private double charged() {
        return read(window::charged);
    }

    private long read(LongSupplier reading) {
        lock.lock();
        try {
            return reading.getAsLong();
        } finally {
            lock.unlock();
        }
    }

    /** Removes the meters. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
