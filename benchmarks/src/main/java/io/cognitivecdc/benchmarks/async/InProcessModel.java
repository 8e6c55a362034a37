package io.cognitivecdc.benchmarks.async;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.TokenUsage;
import io.cognitivecdc.pipeline.PipelineDefinitionReader;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A model in this JVM, for cells that measure the processor itself: no HTTP, no simulator threads, no provider JSON.
 * It answers a classify task at once with the taxonomy's first category (a valid answer, so no corrective retry), or,
 * {@linkplain #stalled() stalled}, holds every call until it is closed, as a model that stopped answering would.
 */
final class InProcessModel implements BenchModel, ChatModel {

    private static final String TYPE = "in-process";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean stalled;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicLong calls = new AtomicLong();

    private InProcessModel(boolean stalled) {
        this.stalled = stalled;
    }

    /** Answers at once: zero latency. */
    static InProcessModel answering() {
        return new InProcessModel(false);
    }

    /** Never answers while open. */
    static InProcessModel stalled() {
        return new InProcessModel(true);
    }

    @Override
    public String label() {
        return TYPE;
    }

    @Override
    public String providerYaml() {
        return "type: " + TYPE + "\n";
    }

    @Override
    public PipelineDefinitionReader reader() {
        PipelineDefinitionReader defaults = new PipelineDefinitionReader();
        ChatModelFactory factory = new ChatModelFactory() {
            @Override
            public String type() {
                return TYPE;
            }

            @Override
            public ChatModel create(Map<String, Object> settings) {
                return InProcessModel.this;
            }
        };
        return new PipelineDefinitionReader(defaults.stepTypes(), Map.of(TYPE, factory), System::getenv);
    }

    @Override
    public long calls() {
        return calls.get();
    }

    @Override
    public String id() {
        return TYPE + "/benchmark";
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        calls.incrementAndGet();
        if (stalled) {
            awaitClose();
        }
        String category = request.task().path("taxonomy").path(0).path("name").asText();
        String answer = JSON.createObjectNode().put("category", category).put("confidence", 1.0)
                .put("reasoning", "in-process benchmark model").toString();
        return new ChatResponse(answer, new TokenUsage(0, 0), "stop");
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            // The topology is closing and abandons its calls; the answer would be dropped anyway.
            Thread.currentThread().interrupt();
        }
        throw new LlmCallException(LlmCallException.Kind.CONNECTION, "the stalled benchmark model was closed");
    }

    /** Releases stalled calls; the pipeline closes its models and the cell closes this too, so twice is fine. */
    @Override
    public void close() {
        closed.countDown();
    }
}
