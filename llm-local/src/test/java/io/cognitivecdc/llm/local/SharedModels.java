package io.cognitivecdc.llm.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ResponseSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model for the whole test JVM (loading takes ~1 s, fitting the shipped examples ~1–3 s): handles and providers
 * are created on first use and never closed; the JVM's exit releases them.
 */
final class SharedModels {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HELD_OUT = "classpath:io/cognitivecdc/llm/local/visit-type-held-out.csv";

    /** The visit types as a pipeline's taxonomy would define them (same text as the benchmarks module). */
    static final Map<String, String> VISIT_TYPES = new LinkedHashMap<>();

    static {
        VISIT_TYPES.put("emergency", "Visit to a hospital emergency department for an acute, potentially serious "
                + "problem: triage, stabilisation, then discharge home or admission.");
        VISIT_TYPES.put("inpatient", "Care of a patient admitted to hospital who stays overnight or longer: ward "
                + "rounds, intravenous treatment, discharge planning.");
        VISIT_TYPES.put("outpatient", "Scheduled clinic appointment or routine follow-up of a known condition: "
                + "medication review, planned tests, next appointment.");
        VISIT_TYPES.put("telehealth", "Remote consultation by video or phone with the patient at home; examination "
                + "limited to what the patient can show or report.");
        VISIT_TYPES.put("urgent_care", "Same-day walk-in visit without an appointment for a minor acute illness or "
                + "injury that is not an emergency.");
    }

    private static MiniLmEmbedder embedder;
    private static LocalChatModel definitions;
    private static LocalChatModel examples;

    private SharedModels() {
    }

    static synchronized MiniLmEmbedder embedder() {
        if (embedder == null) {
            embedder = MiniLmEmbedder.acquire();
        }
        return embedder;
    }

    /** Definitions only. */
    static synchronized LocalChatModel definitions() {
        if (definitions == null) {
            embedder();
            definitions = new LocalChatModel(LocalChatModel.Settings.defaults());
        }
        return definitions;
    }

    /** With the shipped visit-type examples, warmed up. */
    static synchronized LocalChatModel examples() {
        if (examples == null) {
            embedder();
            examples = new LocalChatModel(LocalChatModel.Settings.defaults()
                    .withExamples(LabelledExamples.load(LocalChatModelFactory.BUNDLED_VISIT_TYPE_EXAMPLES)));
            examples.warmUp();
        }
        return examples;
    }

    static ChatRequest classify(String text, Map<String, String> taxonomy) {
        ObjectNode task = JSON.createObjectNode().put("task", "classify").put("text", text);
        ArrayNode entries = task.putArray("taxonomy");
        taxonomy.forEach((name, definition) -> entries.addObject().put("name", name).put("definition", definition));
        return request("visit_type", task);
    }

    static ChatRequest summarize(String text, String focus, int maxLength) {
        ObjectNode task = JSON.createObjectNode().put("task", "summarize").put("text", text);
        if (focus != null) {
            task.put("focus", focus);
        }
        task.put("max_length", maxLength);
        return request("summary", task);
    }

    static ChatRequest request(String step, ObjectNode task) {
        return new ChatRequest(step, "row-1", List.of(ChatMessage.user(task.toString())),
                new ResponseSchema("answer", JSON.createObjectNode().put("type", "object")), task);
    }

    static JsonNode json(String content) {
        try {
            return JSON.readTree(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
