/**
 * Resilience around model providers: {@link io.cognitivecdc.llm.resilience.ResilientChatModel} calls a provider
 * through Resilience4j (retry honouring {@code Retry-After}, circuit breaker, bulkhead, requests-per-minute rate
 * limiter) and a tokens-per-minute budget, configured per provider with
 * {@link io.cognitivecdc.llm.resilience.ResilienceSettings}.
 */
package io.cognitivecdc.llm.resilience;
