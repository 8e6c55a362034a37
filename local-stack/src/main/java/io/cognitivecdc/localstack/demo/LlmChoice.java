package io.cognitivecdc.localstack.demo;

import java.util.Locale;

/** Which model the demo's steps use ({@code --llm}). */
public enum LlmChoice {
    /** all-MiniLM-L6-v2 through DJL, fully offline: nearest-example classification, extractive summaries. */
    LOCAL,
    /** The LLM simulator (Azure OpenAI wire format), started in-process. */
    SIMULATED,
    /** Azure OpenAI, from the AZURE_OPENAI_* environment variables. */
    AZURE;

    /** The provider name in the demo pipeline. */
    public String providerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
