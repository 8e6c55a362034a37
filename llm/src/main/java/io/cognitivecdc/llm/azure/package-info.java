/**
 * The {@code azure-openai} provider: {@link io.cognitivecdc.llm.azure.AzureOpenAiChatModel} over the official
 * {@code openai-java} SDK, configured by {@link io.cognitivecdc.llm.azure.AzureOpenAiSettings} or, from a pipeline
 * definition, by {@link io.cognitivecdc.llm.azure.AzureOpenAiChatModelFactory}.
 *
 * <p>Both Azure URL layouts are supported ({@link io.cognitivecdc.llm.azure.AzurePathStyle}); credentials are an API
 * key or Microsoft Entra ID bearer tokens from a supplier. SDK retries are off; failures arrive as
 * {@link io.cognitivecdc.llm.LlmCallException}s whose kind tells the resilience layer what to do.
 */
package io.cognitivecdc.llm.azure;
