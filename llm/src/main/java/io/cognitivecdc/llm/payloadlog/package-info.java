/**
 * The LLM payload log: {@link io.cognitivecdc.llm.payloadlog.PayloadLoggingChatModel} records every call of a model
 * as one JSON line in a {@link io.cognitivecdc.llm.payloadlog.PayloadLog} — off by default, with field redaction and
 * string truncation, and never with credentials (it sees requests and answers, not HTTP headers).
 */
package io.cognitivecdc.llm.payloadlog;
