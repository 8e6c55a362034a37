package io.cognitivecdc.llm.payloadlog;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link ChatModel} that records every call of its delegate — request, answer or error, latency — in a
 * {@link PayloadLog}. Answers and failures pass through unchanged.
 *
 * <p>Place it directly around the provider (inside retries), so every attempt that reached the model is one line.
 * {@link #close()} closes the delegate but not the log, which several models may share.
 */
public final class PayloadLoggingChatModel implements ChatModel {

    private final ChatModel delegate;
    private final PayloadLog log;
    private final Clock clock;

    public PayloadLoggingChatModel(ChatModel delegate, PayloadLog log) {
        this(delegate, log, Clock.systemUTC());
    }

    PayloadLoggingChatModel(ChatModel delegate, PayloadLog log, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code model} itself when the log is disabled (no per-call cost), otherwise a logging wrapper. */
    public static ChatModel wrap(ChatModel model, PayloadLog log) {
        return log.isEnabled() ? new PayloadLoggingChatModel(model, log) : model;
    }

    /** The delegate's id: the log and the enriched rows name the real model. */
    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        ChatResponse response;
        try {
            response = delegate.complete(request);
        } catch (RuntimeException | Error failure) {
            record(started, startNanos, request, null, failure);
            throw failure;
        }
        record(started, startNanos, request, response, null);
        return response;
    }

    private void record(Instant started, long startNanos, ChatRequest request, ChatResponse response,
                        Throwable error) {
        Duration latency = Duration.ofNanos(System.nanoTime() - startNanos);
        try {
            log.record(new PayloadEntry(started, delegate.id(), request, latency, response, error));
        } catch (RuntimeException e) {
            // A broken log must never turn a good answer into a failure.
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "PayloadLoggingChatModel[" + delegate.id() + " -> " + log + "]";
    }
}
