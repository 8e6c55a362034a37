/**
 * A stand-in for Azure OpenAI in tests, the demo and benchmarks: {@link io.cognitivecdc.llmsimulator.LlmSimulator}
 * speaks the chat-completions wire format, answers {@code classify} and {@code summarize} tasks deterministically,
 * and injects latency ({@link io.cognitivecdc.llmsimulator.LatencyModel}), faults
 * ({@link io.cognitivecdc.llmsimulator.Fault}, {@link io.cognitivecdc.llmsimulator.FaultSettings}, or per row with
 * {@code [sim:fault]} in the text) and quotas ({@link io.cognitivecdc.llmsimulator.QuotaSettings}).
 * {@link io.cognitivecdc.llmsimulator.LlmSimulatorMain} runs it standalone.
 */
package io.cognitivecdc.llmsimulator;
