package io.cognitivecdc.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;

/**
 * One call to a {@link ChatModel}.
 *
 * <p>The task is the step's work as structured data, for example
 * {@code {"task":"classify","text":"…","context":"…","taxonomy":[{"name":"…","definition":"…","examples":["…"]}]}} or
 * {@code {"task":"summarize","text":"…","focus":"…","max_length":300}}. The first user message carries the same JSON,
 * so a chat model sees everything through the messages alone; corrective retries append the model's invalid answer
 * and the validation errors as further messages.
 *
 * @param step           name of the asking step (logs, payload log)
 * @param key            the row key as text (logs, payload log)
 * @param messages       the conversation so far
 * @param responseSchema what the answer must look like
 * @param task           the step's task as structured data
 */
public record ChatRequest(String step, String key, List<ChatMessage> messages, ResponseSchema responseSchema,
                          ObjectNode task) {

    public ChatRequest {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(responseSchema, "responseSchema");
        Objects.requireNonNull(task, "task");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
    }

    /** The kind of task ({@code classify}, {@code summarize}, …), from the task's {@code task} field. */
    public String taskType() {
        return task.path("task").asText();
    }

    /** 1 for the first ask, 2 for the first corrective retry, …: one more than the model's earlier answers. */
    public int attempt() {
        return 1 + (int) messages.stream().filter(m -> m.role() == ChatMessage.Role.ASSISTANT).count();
    }
}
