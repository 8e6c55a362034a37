package io.cognitivecdc.llm.resilience;

import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatRequest;

/**
 * A request's prompt tokens, estimated before the call: a token per four characters of message content (OpenAI's
 * rule of thumb for English), plus three tokens of framing per message and three to prime the answer. It is the LLM
 * simulator's own count, so that quota kept here and quota enforced there agree exactly; against Azure the estimate
 * is corrected after each call by the prompt tokens the answer reports.
 */
final class PromptTokens {

    private PromptTokens() {
    }

    static long estimate(ChatRequest request) {
        long chars = 0;
        for (ChatMessage message : request.messages()) {
            chars += message.content().length();
        }
        return (chars + 3) / 4 + 3L * request.messages().size() + 3;
    }
}
