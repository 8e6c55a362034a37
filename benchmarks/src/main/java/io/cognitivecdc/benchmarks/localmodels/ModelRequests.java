package io.cognitivecdc.benchmarks.localmodels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.benchmarks.VisitNotes;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ResponseSchema;

import java.io.IOException;
import java.util.List;

/** The requests a pipeline's classifier and summarizer steps would send, and reading the answers. */
final class ModelRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelRequests() {
    }

    /** Classify {@code text} into the visit types of {@link VisitNotes#DEFINITIONS}. */
    static ChatRequest classify(String text, int key) {
        ObjectNode task = JSON.createObjectNode().put("task", "classify").put("text", text);
        ArrayNode taxonomy = task.putArray("taxonomy");
        VisitNotes.DEFINITIONS.forEach((name, definition) ->
                taxonomy.addObject().put("name", name).put("definition", definition));
        return request("visit_type", key, task, "classifier");
    }

    /** Summarize {@code text} within {@code maxLength}, with a focus or ({@code null}) without. */
    static ChatRequest summarize(String text, String focus, int maxLength, int key) {
        ObjectNode task = JSON.createObjectNode().put("task", "summarize").put("text", text);
        if (focus != null) {
            task.put("focus", focus);
        }
        task.put("max_length", maxLength);
        return request("summary", key, task, "summarizer");
    }

    private static ChatRequest request(String step, int key, ObjectNode task, String schemaName) {
        // The local model works from the task; the schema only names the answer's shape.
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        return new ChatRequest(step, Integer.toString(key), List.of(ChatMessage.user(task.toString())),
                new ResponseSchema(schemaName, schema), task);
    }

    /** The answer as JSON; an answer that is not JSON fails the benchmark. */
    static JsonNode answer(String content) {
        try {
            return JSON.readTree(content);
        } catch (IOException e) {
            throw new IllegalStateException("answer is not JSON: " + content, e);
        }
    }
}
