package io.cognitivecdc.llm;

import java.util.Objects;

/**
 * A model's answer.
 *
 * @param content      the answer text, JSON when the model followed the schema
 * @param usage        tokens the call consumed
 * @param finishReason why generation stopped, as the provider says it ({@code stop}, {@code length},
 *                     {@code content_filter}, …)
 */
public record ChatResponse(String content, TokenUsage usage, String finishReason) {

    public ChatResponse {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
