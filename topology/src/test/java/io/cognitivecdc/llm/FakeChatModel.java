package io.cognitivecdc.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A model for tests: answers classify tasks with the first category whose name appears in the text (else the first
 * category) and summarize tasks with the first sentence; or whatever a test scripts with {@link #answering}.
 * Records every request.
 */
public final class FakeChatModel implements ChatModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<ChatRequest, String> responder = FakeChatModel::sensibleAnswer;

    @Override
    public String id() {
        return "fake/model";
    }

    /** Replaces the answers: the function gets each request and returns the answer text. */
    public FakeChatModel answering(Function<ChatRequest, String> responder) {
        this.responder = responder;
        return this;
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        requests.add(request);
        return new ChatResponse(responder.apply(request), new TokenUsage(100, 20), "stop");
    }

    public List<ChatRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests of one task type ({@code classify}, {@code summarize}). */
    public List<ChatRequest> requests(String taskType) {
        return requests.stream().filter(r -> r.taskType().equals(taskType)).toList();
    }

    /** The answer a well-behaved model gives. */
    public static String sensibleAnswer(ChatRequest request) {
        ObjectNode task = request.task();
        String text = task.path("text").asText();
        ObjectNode answer = JSON.createObjectNode();
        if (request.taskType().equals("classify")) {
            String category = task.path("taxonomy").get(0).path("name").asText();
            for (JsonNode entry : task.path("taxonomy")) {
                if (text.toLowerCase(Locale.ROOT).contains(entry.path("name").asText().toLowerCase(Locale.ROOT))) {
                    category = entry.path("name").asText();
                    break;
                }
            }
            answer.put("category", category).put("confidence", 0.9).put("reasoning", "the text names it");
        } else {
            int end = text.indexOf('.');
            String sentence = end < 0 ? text : text.substring(0, end + 1);
            int max = task.path("max_length").asInt(300);
            answer.put("text", sentence.length() > max ? sentence.substring(0, max) : sentence)
                    .put("reasoning", "first sentence");
        }
        return answer.toString();
    }
}
