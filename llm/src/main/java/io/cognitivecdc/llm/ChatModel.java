package io.cognitivecdc.llm;

/**
 * A model that answers enrichment tasks: the provider side of every step.
 *
 * <p>Chat providers (Azure OpenAI, the simulator) send {@link ChatRequest#messages()} with the response schema;
 * providers that are not chat models (local embedding models) work from {@link ChatRequest#task()}, the same task as
 * structured data. Either way the answer is JSON text that the step validates, and re-asks about when invalid.
 *
 * <p>Implementations are thread-safe: one instance serves every step and stream thread that uses it.
 */
public interface ChatModel extends AutoCloseable {

    /** Provider and model, e.g. {@code azure-openai/gpt-4o-mini}; recorded with every enriched row. */
    String id();

    /**
     * Asks once.
     *
     * @throws LlmCallException when the call itself fails (HTTP error, timeout, refusal); an answer that is merely
     *                          invalid is returned, not thrown
     */
    ChatResponse complete(ChatRequest request);

    /** Releases connections, threads or native memory; the default holds none. */
    @Override
    default void close() {
    }
}
