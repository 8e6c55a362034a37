package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A chat-completions request body as the simulator reads it.
 *
 * @param body             the parsed body
 * @param firstUserContent content of the first user message (where the task JSON and per-row triggers are)
 * @param task             that content parsed as a JSON object, or a missing node
 * @param attempt          1 + the number of assistant messages, as {@code ChatRequest.attempt()} counts
 * @param step             the {@code x-cognitive-cdc-step} header, or {@code unknown}
 * @param promptChars      characters over all message contents (token estimate)
 * @param messageCount     number of messages
 */
record CompletionRequest(JsonNode body, String firstUserContent, JsonNode task, int attempt, String step,
                         long promptChars, int messageCount) {

    /** The task type ({@code classify}, {@code summarize}, …) or {@code unknown}. */
    String taskType() {
        String type = task.path("task").asText("");
        return type.isEmpty() ? "unknown" : type;
    }

    /** The JSON Schema of {@code response_format.json_schema.schema}, or a missing node. */
    JsonNode responseSchema() {
        return body.path("response_format").path("json_schema").path("schema");
    }

    /**
     * @throws IllegalArgumentException with an Azure-like message when the body is not a chat-completions request
     */
    static CompletionRequest parse(ObjectMapper mapper, byte[] raw, String step) {
        JsonNode body;
        try {
            body = mapper.readTree(raw);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("We could not parse the JSON body of your request.");
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("We could not parse the JSON body of your request.");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("'messages' is a required property and must be a non-empty array.");
        }
        String firstUser = null;
        int assistants = 0;
        long chars = 0;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            String content = contentText(message.path("content"));
            chars += content.length();
            if (role.equals("assistant")) {
                assistants++;
            } else if (role.equals("user") && firstUser == null) {
                firstUser = content;
            }
        }
        if (firstUser == null) {
            firstUser = "";
        }
        JsonNode task = MissingNode.getInstance();
        String trimmed = firstUser.trim();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode parsed = mapper.readTree(trimmed);
                if (parsed != null && parsed.isObject()) {
                    task = parsed;
                }
            } catch (java.io.IOException notJson) {
                // A free-text prompt: answered from the schema alone.
            }
        }
        return new CompletionRequest(body, firstUser, task, 1 + assistants, step, chars, messages.size());
    }

    /** Message content is a string, or an array of parts whose {@code text} fields count. */
    private static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asText("")));
            return text.toString();
        }
        return "";
    }
}
