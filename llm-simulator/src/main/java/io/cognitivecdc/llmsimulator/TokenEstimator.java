package io.cognitivecdc.llmsimulator;

/**
 * Deterministic token counts: about four characters per token (the usual rule of thumb for English with OpenAI
 * tokenizers), plus a few tokens of per-message framing as the chat format adds.
 */
final class TokenEstimator {

    private TokenEstimator() {
    }

    static long prompt(CompletionRequest request) {
        return ceilDiv(request.promptChars(), 4) + 3L * request.messageCount() + 3;
    }

    static long completion(String content) {
        return content == null ? 0 : Math.max(1, ceilDiv(content.length(), 4));
    }

    private static long ceilDiv(long value, long divisor) {
        return (value + divisor - 1) / divisor;
    }
}
