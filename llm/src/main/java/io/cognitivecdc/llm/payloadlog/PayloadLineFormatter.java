package io.cognitivecdc.llm.payloadlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@link PayloadEntry} into one JSON line:
 * <pre>{@code
 * {"ts":"…","step":"…","key":"…","model":"…","attempt":1,"latency_ms":412,
 *  "request":{"schema":"classifier","task":{…},"messages":[{"role":"system","content":"…"},…]},
 *  "response":{"content":"…","finish_reason":"stop","usage":{"prompt_tokens":…,"completion_tokens":…}}}
 * }</pre>
 * or {@code "error":{"kind":"RATE_LIMITED","status":429,"message":"…","retry_after_ms":2000}} instead of
 * {@code response}. {@code attempt} is {@link ChatRequest#attempt()}: 1 for the first ask, 2 for the first corrective
 * retry (the seeds' {@code retry_count} is {@code attempt - 1}); transient retries of the same conversation repeat the
 * same attempt number.
 *
 * <p>Redaction runs first (configured field names, case-insensitive, at any depth of the task and of every message
 * content or answer that is JSON), then every string value in the line is truncated.
 */
final class PayloadLineFormatter {

    static final String REDACTED = "[REDACTED]";
    /** The first characters of JSON that can hold a field to redact: an object or an array. */
    private static final String JSON_CONTAINER_OPENERS = "{[";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<String> redactedFields;
    private final int maxChars;

    PayloadLineFormatter(Collection<String> redactedFields, int maxChars) {
        this.redactedFields = redactedFields.stream().map(f -> f.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.maxChars = maxChars;
    }

    String format(PayloadEntry entry) {
        ChatRequest request = entry.request();
        ObjectNode line = mapper.createObjectNode();
        line.put("ts", entry.timestamp().toString());
        line.put("step", request.step());
        line.put("key", request.key());
        line.put("model", entry.model());
        line.put("attempt", request.attempt());
        line.put("latency_ms", entry.latency().toMillis());
        line.set("request", request(request));
        if (entry.response() != null) {
            line.set("response", response(entry.response()));
        } else {
            line.set("error", error(entry.error()));
        }
        truncateStrings(line);
        try {
            return mapper.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a payload line", e);
        }
    }

    private ObjectNode request(ChatRequest request) {
        ObjectNode node = mapper.createObjectNode();
        node.put("schema", request.responseSchema().name());
        JsonNode task = request.task().deepCopy();
        redact(task);
        node.set("task", task);
        ArrayNode messages = node.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.addObject()
                    .put("role", message.role().name().toLowerCase(Locale.ROOT))
                    .put("content", redactContent(message.content()));
        }
        return node;
    }

    private ObjectNode response(ChatResponse response) {
        ObjectNode node = mapper.createObjectNode();
        node.put("content", redactContent(response.content()));
        node.put("finish_reason", response.finishReason());
        node.putObject("usage")
                .put("prompt_tokens", response.usage().promptTokens())
                .put("completion_tokens", response.usage().completionTokens());
        return node;
    }

    private ObjectNode error(Throwable error) {
        ObjectNode node = mapper.createObjectNode();
        if (error instanceof LlmCallException call) {
            node.put("kind", call.kind().name());
            if (call.statusCode().isPresent()) {
                node.put("status", call.statusCode().getAsInt());
            } else {
                node.putNull("status");
            }
            node.put("message", call.getMessage());
            call.retryAfter().ifPresent(wait -> node.put("retry_after_ms", wait.toMillis()));
        } else {
            node.put("kind", "UNEXPECTED");
            node.putNull("status");
            node.put("message", error.getClass().getName() + ": " + error.getMessage());
        }
        return node;
    }

    /** Redacts inside content that is JSON; plain text (instructions, validation errors) is kept as it is. */
    private String redactContent(String content) {
        if (redactedFields.isEmpty()) {
            return content;
        }
        String trimmed = content.trim();
        if (trimmed.isEmpty() || JSON_CONTAINER_OPENERS.indexOf(trimmed.charAt(0)) < 0) {
            return content;
        }
        try {
            JsonNode parsed = mapper.readTree(trimmed);
            return redact(parsed) ? mapper.writeValueAsString(parsed) : content;
        } catch (JsonProcessingException notJson) {
            return content;
        }
    }

    /** Replaces configured fields' values in place; returns whether anything changed. */
    private boolean redact(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                if (redactedFields.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                    object.set(field.getKey(), TextNode.valueOf(REDACTED));
                    changed = true;
                } else {
                    changed |= redact(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode element : array) {
                changed |= redact(element);
            }
        }
        return changed;
    }

    private void truncateStrings(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                if (field.getValue().isTextual()) {
                    object.set(field.getKey(), TextNode.valueOf(truncate(field.getValue().textValue())));
                } else {
                    truncateStrings(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(truncate(array.get(i).textValue())));
                } else {
                    truncateStrings(array.get(i));
                }
            }
        }
    }

    String truncate(String value) {
        if (value.length() <= maxChars) {
            return value;
        }
        int keep = maxChars;
        // Never split a surrogate pair: half a character would not survive UTF-8 encoding.
        if (Character.isHighSurrogate(value.charAt(keep - 1))) {
            keep--;
        }
        return value.substring(0, keep) + "…[truncated " + (value.length() - keep) + " chars]";
    }
}
