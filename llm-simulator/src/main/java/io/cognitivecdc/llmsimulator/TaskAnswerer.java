package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Produces the assistant's answer to a request: valid per the wire contract, unless an answer-bending fault says
 * otherwise.
 */
final class TaskAnswerer {

    /** The assistant message: content (null when filtered) and finish reason. */
    record Answer(String content, String finishReason) {
    }

    private final ObjectMapper mapper;
    private final ClassifyAnswerer classify;
    private final SummarizeAnswerer summarize;
    private final SchemaExampleAnswerer fallback;

    TaskAnswerer(ObjectMapper mapper) {
        this.mapper = mapper;
        this.classify = new ClassifyAnswerer(mapper);
        this.summarize = new SummarizeAnswerer(mapper);
        this.fallback = new SchemaExampleAnswerer(mapper);
    }

    Answer answer(CompletionRequest request, Fault fault) {
        if (fault == Fault.CONTENT_FILTER_OUTPUT) {
            return new Answer(null, "content_filter");
        }
        JsonNode task = request.task();
        String content = switch (request.taskType()) {
            case "classify" -> classify(task, fault);
            case "summarize" -> write(summarize.answer(task, fault == Fault.TOO_LONG_SUMMARY));
            default -> other(request);
        };
        if (fault == Fault.INVALID_JSON) {
            content = prose(request, content);
        }
        return new Answer(content, "stop");
    }

    /** Custom task types get the plainest schema-valid JSON; a free-text chat without a schema gets prose. */
    private String other(CompletionRequest request) {
        if (!request.responseSchema().isMissingNode()) {
            return write(fallback.answer(request.responseSchema()));
        }
        boolean jsonMode = "json_object".equals(request.body().path("response_format").path("type").asText());
        return jsonMode ? "{}" : "This is a simulated answer.";
    }

    private String classify(JsonNode task, Fault fault) {
        ClassifyAnswerer.Choice choice = classify.choose(task);
        ObjectNode answer = classify.answer(choice);
        if (fault == Fault.OUT_OF_TAXONOMY) {
            answer.put("category", ClassifyAnswerer.outsideTaxonomy(task));
        } else if (fault == Fault.CONFIDENCE_ABOVE_ONE) {
            answer.put("confidence", 1.7);
        }
        return write(answer);
    }

    /** What a chatty model says instead of JSON: the gist in prose, with an unterminated object for realism. */
    private String prose(CompletionRequest request, String validJson) {
        String gist = switch (request.taskType()) {
            case "classify" -> "I would classify this as " + readField(validJson, "category") + ".";
            case "summarize" -> "Here is a summary: " + readField(validJson, "text");
            default -> "Here is my answer.";
        };
        return "Sure! " + gist + " {\"answer\": ";
    }

    private String readField(String json, String field) {
        try {
            return mapper.readTree(json).path(field).asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private String write(JsonNode answer) {
        try {
            return mapper.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
