package io.cognitivecdc.llm.resilience;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.ResponseSchema;
import io.cognitivecdc.llm.TokenUsage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A model for tests: answers (or fails) as scripted, one outcome per call and the last one again once the script
 * runs out; records when each call reached it and how many ran at once.
 */
final class ScriptedModel implements ChatModel {

    /** The answer a scripted call gives, reporting {@code promptTokens} of usage. */
    static Function<ChatRequest, ChatResponse> answer(long promptTokens) {
        return request -> new ChatResponse("{\"text\":\"ok\"}", new TokenUsage(promptTokens, 5), "stop");
    }

    static Function<ChatRequest, ChatResponse> failure(LlmCallException.Kind kind) {
        return failure(kind, null);
    }

    static Function<ChatRequest, ChatResponse> failure(LlmCallException.Kind kind, Duration retryAfter) {
        return request -> {
            throw new LlmCallException(kind, kind + " from the provider", kind == LlmCallException.Kind.RATE_LIMITED
                    ? 429 : 500, retryAfter, null);
        };
    }

    private final ConcurrentLinkedQueue<Function<ChatRequest, ChatResponse>> script = new ConcurrentLinkedQueue<>();
    private volatile Function<ChatRequest, ChatResponse> last = answer(100);
    private final List<Long> callNanos = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    /** Then these outcomes, in order. */
    @SafeVarargs
    final ScriptedModel then(Function<ChatRequest, ChatResponse>... outcomes) {
        for (Function<ChatRequest, ChatResponse> outcome : outcomes) {
            script.add(outcome);
            last = outcome;
        }
        return this;
    }

    @Override
    public String id() {
        return "scripted/model";
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        callNanos.add(System.nanoTime());
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            Function<ChatRequest, ChatResponse> outcome = script.poll();
            return (outcome == null ? last : outcome).apply(request);
        } finally {
            running.decrementAndGet();
        }
    }

    int calls() {
        return callNanos.size();
    }

    /** {@link System#nanoTime()} at each call. */
    List<Long> callNanos() {
        return List.copyOf(callNanos);
    }

    int maxRunning() {
        return maxRunning.get();
    }

    /** A request whose messages hold {@code chars} characters in all (two messages). */
    static ChatRequest request(int chars) {
        ObjectNode task = JsonNodeFactory.instance.objectNode().put("task", "summarize");
        String user = "x".repeat(Math.max(0, chars - 10));
        return new ChatRequest("summary", "row-1", List.of(ChatMessage.system("Summarize."), ChatMessage.user(user)),
                new ResponseSchema("summarizer", JsonNodeFactory.instance.objectNode().put("type", "object")), task);
    }
}
