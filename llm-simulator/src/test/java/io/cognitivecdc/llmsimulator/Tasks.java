package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ResponseSchema;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds requests the way the steps do (the wire contract), and checks answers against it. */
final class Tasks {

    static final ObjectMapper JSON = new ObjectMapper();

    static final List<String[]> VISIT_TAXONOMY = List.of(
            new String[]{"emergency", "Urgent, unplanned visit for acute symptoms or trauma",
                    "chest pain brought in by ambulance"},
            new String[]{"routine_checkup", "Scheduled preventive care or follow-up appointment",
                    "annual physical, vaccination"},
            new String[]{"specialist_referral", "Visit to a specialist based on primary care referral",
                    "referred to cardiology"});

    private Tasks() {
    }

    static ObjectNode classifyTask(String text, String context) {
        ObjectNode task = JSON.createObjectNode().put("task", "classify").put("text", text);
        if (context != null) {
            task.put("context", context);
        }
        ArrayNode taxonomy = task.putArray("taxonomy");
        for (String[] entry : VISIT_TAXONOMY) {
            ObjectNode node = taxonomy.addObject().put("name", entry[0]).put("definition", entry[1]);
            node.putArray("examples").add(entry[2]);
        }
        return task;
    }

    static ObjectNode summarizeTask(String text, String focus, int maxLength) {
        ObjectNode task = JSON.createObjectNode().put("task", "summarize").put("text", text);
        if (focus != null) {
            task.put("focus", focus);
        }
        return task.put("max_length", maxLength);
    }

    static ResponseSchema classifierSchema() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode names = properties.putObject("category").put("type", "string").putArray("enum");
        VISIT_TAXONOMY.forEach(entry -> names.add(entry[0]));
        properties.putObject("confidence").put("type", "number").put("minimum", 0).put("maximum", 1);
        properties.putObject("reasoning").put("type", "string");
        schema.putArray("required").add("category").add("confidence").add("reasoning");
        schema.put("additionalProperties", false);
        return new ResponseSchema("classifier", schema);
    }

    static ResponseSchema summarizerSchema(int maxLength) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("text").put("type", "string").put("maxLength", maxLength);
        properties.putObject("reasoning").put("type", "string");
        schema.putArray("required").add("text").add("reasoning");
        schema.put("additionalProperties", false);
        return new ResponseSchema("summarizer", schema);
    }

    static ChatRequest classify(String step, String key, String text) {
        return classify(step, key, text, null);
    }

    static ChatRequest classify(String step, String key, String text, String context) {
        ObjectNode task = classifyTask(text, context);
        return new ChatRequest(step, key, List.of(ChatMessage.system("Classify the visit. Answer in JSON."),
                ChatMessage.user(task.toString())), classifierSchema(), task);
    }

    static ChatRequest summarize(String step, String key, String text, String focus, int maxLength) {
        ObjectNode task = summarizeTask(text, focus, maxLength);
        return new ChatRequest(step, key, List.of(ChatMessage.system("Summarize the note. Answer in JSON."),
                ChatMessage.user(task.toString())), summarizerSchema(maxLength), task);
    }

    /** The corrective retry a step sends after an invalid answer. */
    static ChatRequest correctiveRetry(ChatRequest previous, String invalidAnswer, String errors) {
        List<ChatMessage> messages = new ArrayList<>(previous.messages());
        messages.add(ChatMessage.assistant(invalidAnswer));
        messages.add(ChatMessage.user("Your answer was invalid: " + errors));
        return new ChatRequest(previous.step(), previous.key(), messages, previous.responseSchema(), previous.task());
    }

    static JsonNode parse(String content) {
        try {
            return JSON.readTree(content);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + content, e);
        }
    }

    /** Asserts the classifier contract; returns the answer. */
    static JsonNode assertValidClassification(String content) {
        JsonNode answer = parse(content);
        assertThat(answer.isObject()).as("answer is an object: %s", content).isTrue();
        assertThat(answer.size()).as("only category, confidence, reasoning: %s", content).isEqualTo(3);
        assertThat(VISIT_TAXONOMY.stream().map(e -> e[0])).contains(answer.path("category").asText());
        assertThat(answer.path("confidence").isNumber()).isTrue();
        assertThat(answer.path("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(answer.path("reasoning").isTextual()).isTrue();
        return answer;
    }

    /** Asserts the summarizer contract; returns the answer. */
    static JsonNode assertValidSummary(String content, int maxLength) {
        JsonNode answer = parse(content);
        assertThat(answer.isObject()).isTrue();
        assertThat(answer.size()).as("only text, reasoning: %s", content).isEqualTo(2);
        assertThat(answer.path("text").isTextual()).isTrue();
        assertThat(answer.path("text").asText().codePointCount(0, answer.path("text").asText().length()))
                .isLessThanOrEqualTo(maxLength);
        assertThat(answer.path("reasoning").isTextual()).isTrue();
        return answer;
    }
}
