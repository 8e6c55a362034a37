package io.cognitivecdc.llm.payloadlog;

import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One model call as the payload log sees it: either a response or an error.
 *
 * @param timestamp when the call started
 * @param model     the model's {@link io.cognitivecdc.llm.ChatModel#id()}
 * @param request   what was asked
 * @param latency   how long the call took
 * @param response  the answer, or null when the call failed
 * @param error     the failure ({@link io.cognitivecdc.llm.LlmCallException} or anything else), or null
 */
public record PayloadEntry(Instant timestamp, String model, ChatRequest request, Duration latency,
                           ChatResponse response, Throwable error) {

    public PayloadEntry {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(latency, "latency");
        if ((response == null) == (error == null)) {
            throw new IllegalArgumentException("a payload entry has either a response or an error");
        }
    }
}
