package io.cognitivecdc.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ResponseSchema;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies a text into exactly one category of a fixed taxonomy: output {@code category} (a taxonomy name),
 * {@code confidence} (0 to 1), {@code reasoning}, and {@code needs_review} (confidence under the review threshold;
 * counted in the metric {@value #REVIEW_METRIC}).
 *
 * <p>Inputs: {@code text} (required) and {@code context} (optional, e.g. the department).
 */
public final class ClassifierStep implements Step {

    /** Counter of classifications flagged for review, tagged with the step name. */
    public static final String REVIEW_METRIC = "cognitive_cdc_classifications_flagged_for_review";

    static final String SYSTEM_PROMPT = """
            You classify a free-text record into exactly one category of a fixed taxonomy.
            The user message is a JSON task: "text" is the record, "context" (if present) adds facts about it, and \
            "taxonomy" lists the categories with their definitions and, for some, examples.
            Choose the single category whose definition fits the text best. Answer with one JSON object:
            "category": the chosen category's name, exactly as written in the taxonomy;
            "confidence": how sure you are, a number from 0 to 1;
            "reasoning": one or two sentences naming the evidence in the text.""";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One category of the taxonomy. */
    public record Category(String name, String definition, List<String> examples) {
        public Category {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(definition, "definition");
            examples = List.copyOf(examples);
        }
    }

    /**
     * @param maxRetries    corrective retries after the first ask
     * @param reviewBelow   answers with a lower confidence are flagged {@code needs_review}
     * @param maxInputChars longer texts fail the step (INPUT_TOO_LARGE) instead of being sent
     */
    public record Options(int maxRetries, double reviewBelow, int maxInputChars) {
        public static final Options DEFAULTS = new Options(3, 0.5, 20_000);
    }

    private final String name;
    private final ChatModel model;
    private final List<Category> taxonomy;
    private final Options options;
    private final ValidatedCompletion completion;
    private final Counter flagged;

    public ClassifierStep(String name, ChatModel model, List<Category> taxonomy, Options options) {
        if (taxonomy.isEmpty()) {
            throw new IllegalArgumentException("a classifier needs at least one category");
        }
        this.name = name;
        this.model = model;
        this.taxonomy = List.copyOf(taxonomy);
        this.options = options;
        ObjectNode schema = outputSchema(this.taxonomy);
        this.completion = new ValidatedCompletion(model, new ResponseSchema("classifier", WireSchemas.of(schema)),
                new OutputValidator(schema, answer -> List.of()), options.maxRetries());
        this.flagged = Metrics.counter(REVIEW_METRIC, "step", name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String definitionFingerprint() {
        return Fingerprints.sha256("classifier", SYSTEM_PROMPT, model.id(), taxonomy.toString(),
                Double.toString(options.reviewBelow()));
    }

    @Override
    public StepOutput run(Map<String, Object> inputs, String key) {
        long start = System.nanoTime();
        String text = TextInputs.required(name, inputs, "text", options.maxInputChars());
        String context = TextInputs.optional(name, inputs, "context", options.maxInputChars());
        ValidatedCompletion.Answer answer = completion.complete(name, key, SYSTEM_PROMPT, task(text, context));
        JsonNode value = answer.value();
        double confidence = value.path("confidence").asDouble();
        boolean needsReview = confidence < options.reviewBelow();
        if (needsReview) {
            flagged.increment();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("category", value.path("category").asText());
        fields.put("confidence", confidence);
        fields.put("reasoning", value.path("reasoning").asText());
        fields.put("needs_review", needsReview);
        return new StepOutput(fields, model.id(), answer.attempts(), answer.usage(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private ObjectNode task(String text, String context) {
        ObjectNode task = JSON.createObjectNode().put("task", "classify").put("text", text);
        if (context != null) {
            task.put("context", context);
        }
        ArrayNode categories = task.putArray("taxonomy");
        for (Category category : taxonomy) {
            ObjectNode entry = categories.addObject().put("name", category.name()).put("definition", category.definition());
            if (!category.examples().isEmpty()) {
                category.examples().forEach(entry.putArray("examples")::add);
            }
        }
        return task;
    }

    private static ObjectNode outputSchema(List<Category> taxonomy) {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode names = properties.putObject("category").put("type", "string").putArray("enum");
        taxonomy.forEach(c -> names.add(c.name()));
        properties.putObject("confidence").put("type", "number").put("minimum", 0).put("maximum", 1);
        properties.putObject("reasoning").put("type", "string");
        schema.putArray("required").add("category").add("confidence").add("reasoning");
        schema.put("additionalProperties", false);
        return schema;
    }
}
