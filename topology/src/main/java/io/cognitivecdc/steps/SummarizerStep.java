package io.cognitivecdc.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ResponseSchema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Summarizes a text within a maximum length: output {@code text} and {@code reasoning}.
 *
 * <p>Inputs: {@code text} (required) and {@code focus} (optional; typically an earlier step's output, e.g. the visit
 * type, which the summary should emphasise).
 */
public final class SummarizerStep implements Step {

    static final String SYSTEM_PROMPT = """
            You summarize a free-text record.
            The user message is a JSON task: "text" is the record, "focus" (if present) is what the summary should \
            emphasise, and "max_length" is the longest the summary may be, in characters.
            Keep facts exactly as written; add nothing that is not in the text. Answer with one JSON object:
            "text": the summary, at most max_length characters;
            "reasoning": one sentence on what you kept and why.""";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param maxLength     longest summary, in characters
     * @param maxRetries    corrective retries after the first ask
     * @param maxInputChars longer texts fail the step (INPUT_TOO_LARGE) instead of being sent
     */
    public record Options(int maxLength, int maxRetries, int maxInputChars) {
        public static final Options DEFAULTS = new Options(300, 3, 20_000);
    }

    private final String name;
    private final ChatModel model;
    private final Options options;
    private final ValidatedCompletion completion;

    public SummarizerStep(String name, ChatModel model, Options options) {
        this.name = name;
        this.model = model;
        this.options = options;
        ObjectNode schema = outputSchema(options.maxLength());
        this.completion = new ValidatedCompletion(model, new ResponseSchema("summarizer", WireSchemas.of(schema)),
                new OutputValidator(schema, answer -> List.of()), options.maxRetries());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String definitionFingerprint() {
        return Fingerprints.sha256("summarizer", SYSTEM_PROMPT, model.id(), Integer.toString(options.maxLength()));
    }

    @Override
    public StepOutput run(Map<String, Object> inputs, String key) {
        long start = System.nanoTime();
        String text = TextInputs.required(name, inputs, "text", options.maxInputChars());
        String focus = TextInputs.optional(name, inputs, "focus", options.maxInputChars());
        ObjectNode task = JSON.createObjectNode().put("task", "summarize").put("text", text);
        if (focus != null && !focus.isBlank()) {
            task.put("focus", focus);
        }
        task.put("max_length", options.maxLength());
        ValidatedCompletion.Answer answer = completion.complete(name, key, SYSTEM_PROMPT, task);
        JsonNode value = answer.value();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", value.path("text").asText());
        fields.put("reasoning", value.path("reasoning").asText());
        return new StepOutput(fields, model.id(), answer.attempts(), answer.usage(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static ObjectNode outputSchema(int maxLength) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("text").put("type", "string").put("minLength", 1).put("maxLength", maxLength);
        properties.putObject("reasoning").put("type", "string");
        schema.putArray("required").add("text").add("reasoning");
        schema.put("additionalProperties", false);
        return schema;
    }
}
