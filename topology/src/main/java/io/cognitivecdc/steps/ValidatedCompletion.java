package io.cognitivecdc.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.ResponseSchema;
import io.cognitivecdc.llm.TokenUsage;

import java.util.ArrayList;
import java.util.List;

/**
 * Asks a model for a JSON answer and re-asks with the exact validation errors until it is valid (the seeds'
 * corrective retry): the invalid answer and the errors are appended to the conversation, up to {@code maxRetries}
 * times after the first ask.
 */
public final class ValidatedCompletion {

    private final ChatModel model;
    private final ResponseSchema responseSchema;
    private final OutputValidator validator;
    private final int maxRetries;

    public ValidatedCompletion(ChatModel model, ResponseSchema responseSchema, OutputValidator validator, int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        this.model = model;
        this.responseSchema = responseSchema;
        this.validator = validator;
        this.maxRetries = maxRetries;
    }

    /** The validated answer, with the number of calls and the tokens they took. */
    public record Answer(JsonNode value, int attempts, TokenUsage usage) {
    }

    /**
     * @throws StepFailedException when the answer is still invalid after every retry, or the model refused
     * @throws LlmCallException    when a call failed for a reason that is not this input's (rate limit, outage,
     *                             timeout, rejected credentials)
     */
    public Answer complete(String step, String key, String systemPrompt, ObjectNode task) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(systemPrompt));
        messages.add(ChatMessage.user(task.toString()));
        TokenUsage usage = TokenUsage.ZERO;
        List<String> errors = List.of();
        int attempt = 0;
        while (attempt <= maxRetries) {
            attempt++;
            ChatResponse response;
            try {
                response = model.complete(new ChatRequest(step, key, messages, responseSchema, task));
            } catch (LlmCallException e) {
                if (!isAboutThisInput(e)) {
                    throw e;
                }
                throw new StepFailedException(step, refusalKind(e), e.getMessage(), List.of(), attempt, usage, e);
            }
            usage = usage.plus(response.usage());
            if ("content_filter".equals(response.finishReason())) {
                throw new StepFailedException(step, StepFailedException.Kind.CONTENT_FILTERED,
                        "the provider's content filter stopped the answer", List.of(), attempt, usage, null);
            }
            OutputValidator.Result result = validator.validate(response.content());
            if (result.valid()) {
                return new Answer(result.value(), attempt, usage);
            }
            errors = result.errors();
            messages.add(ChatMessage.assistant(response.content()));
            messages.add(ChatMessage.user(correction(errors)));
        }
        throw new StepFailedException(step, StepFailedException.Kind.INVALID_OUTPUT,
                "the answer was still invalid after " + attempt + " attempts: " + String.join("; ", errors),
                errors, attempt, usage, null);
    }

    /**
     * A refusal or a rejected request is about this input; anything else (outage, rate limit, rejected credentials)
     * would fail every row alike and must not be blamed on this one.
     */
    private static boolean isAboutThisInput(LlmCallException e) {
        return e.kind() == LlmCallException.Kind.CONTENT_FILTER || e.kind() == LlmCallException.Kind.BAD_REQUEST;
    }

    private static StepFailedException.Kind refusalKind(LlmCallException e) {
        return e.kind() == LlmCallException.Kind.CONTENT_FILTER
                ? StepFailedException.Kind.CONTENT_FILTERED
                : StepFailedException.Kind.REQUEST_REJECTED;
    }

    static String correction(List<String> errors) {
        return "Your answer was invalid:\n- " + String.join("\n- ", errors)
                + "\nAnswer again with only a JSON object that matches the schema.";
    }
}
