package io.cognitivecdc.llm.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.InvalidProviderSettingException;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.TokenUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A local, offline stand-in for a chat model: all-MiniLM-L6-v2 sentence embeddings answer {@code classify} and
 * {@code summarize} tasks from {@link ChatRequest#task()} (the messages are not read).
 *
 * <ul>
 *   <li>{@code classify} → {@code {"category","confidence","reasoning"}}: with a labelled examples file, a
 *       similarity-weighted k-nearest-neighbour vote of the text's sentences among the examples' sentences, with a
 *       confidence temperature fitted on the examples ({@link NearestNeighbourClassifier}; the task's
 *       {@code context} is not used, the examples have none); without one, the nearest taxonomy definition to the
 *       text and context ({@link DefinitionClassifier}).</li>
 *   <li>{@code summarize} → {@code {"text","reasoning"}}: an extractive summary within {@code max_length}
 *       ({@link ExtractiveSummarizer}).</li>
 * </ul>
 *
 * <p>Usage reports the tokenizer tokens of the input read for the answer as prompt tokens (the text, plus context for
 * definition-only classification; every sentence plus the focus for summaries; cached taxonomy and example embeddings
 * are not counted), 0 completion tokens, finish reason {@code stop}.
 *
 * <p>The model is loaded once per process and shared ({@link MiniLmEmbedder#acquire()}). With {@code preload} (the
 * default) a background thread loads it and embeds the examples as soon as the provider is created, so the first
 * rows do not wait ~1 s plus the examples' embedding time; requests that arrive earlier wait for it. Thread-safe.
 */
public final class LocalChatModel implements ChatModel {

    /** The model id recorded with every answer. */
    public static final String ID = "local/all-minilm-l6-v2";
    /** Answers never claim certainty: confidence is rounded to 3 decimals and capped here. */
    public static final double MAX_CONFIDENCE = 0.999;
    /** Used when a summarize task has no {@code max_length}. */
    public static final int DEFAULT_MAX_LENGTH = 300;

    private static final Logger LOG = LoggerFactory.getLogger(LocalChatModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Settings of a local provider.
     *
     * @param examples    the labelled examples, or null for definitions-only classification
     * @param k           neighbours that vote, &gt;= 1
     * @param voteBy      what votes with the examples: each sentence (default) or the whole text
     * @param temperature confidence temperature overriding the fitted (examples) or default (definitions) one, or
     *                    null
     * @param preload     load the model and embed the examples in the background right away
     */
    public record Settings(LabelledExamples examples, int k, NearestNeighbourClassifier.Unit voteBy,
                           Double temperature, boolean preload) {

        public Settings {
            Objects.requireNonNull(voteBy, "voteBy");
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1");
            }
            if (temperature != null && !(temperature > 0)) {
                throw new IllegalArgumentException("temperature must be > 0");
            }
        }

        /** Definitions only, default k and temperature, sentence voting, no preloading. */
        public static Settings defaults() {
            return new Settings(null, NearestNeighbourClassifier.DEFAULT_K, NearestNeighbourClassifier.Unit.SENTENCE,
                    null, false);
        }

        public Settings withExamples(LabelledExamples value) {
            return new Settings(value, k, voteBy, temperature, preload);
        }

        public Settings withK(int value) {
            return new Settings(examples, value, voteBy, temperature, preload);
        }

        public Settings withVoteBy(NearestNeighbourClassifier.Unit value) {
            return new Settings(examples, k, value, temperature, preload);
        }

        public Settings withTemperature(Double value) {
            return new Settings(examples, k, voteBy, value, preload);
        }

        public Settings withPreload(boolean value) {
            return new Settings(examples, k, voteBy, temperature, value);
        }
    }

    private record Parts(MiniLmEmbedder embedder, DefinitionClassifier definitions, ExtractiveSummarizer summarizer) {
    }

    private final Settings settings;
    private final Object lock = new Object();
    private volatile Parts parts;
    private CompletableFuture<NearestNeighbourClassifier> neighbours;
    private volatile boolean closed;
    private final Thread warmUpThread;

    public LocalChatModel(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.preload()) {
            warmUpThread = Thread.ofPlatform().daemon().name("cognitive-cdc-local-model-warm-up").start(() -> {
                try {
                    warmUp();
                } catch (RuntimeException e) {
                    if (closed) {
                        LOG.debug("warm-up stopped: {}", e.toString());
                    } else {
                        LOG.warn("Loading the local model failed; requests will report it", e);
                    }
                }
            });
        } else {
            warmUpThread = null;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Loads the model and, with examples, embeds them and fits the confidence temperature; returns when done (at
     * once if already done). Requests do this themselves when needed.
     */
    public void warmUp() {
        parts();
        if (settings.examples() != null) {
            neighbours();
        }
    }

    /** The examples classifier once fitted (after {@link #warmUp()} or a classify request), if examples are set. */
    public Optional<NearestNeighbourClassifier> neighbourClassifier() {
        synchronized (lock) {
            if (neighbours == null || !neighbours.isDone() || neighbours.isCompletedExceptionally()) {
                return Optional.empty();
            }
            return Optional.of(neighbours.join());
        }
    }

    /**
     * Checks at start-up that a classifier step's taxonomy covers the categories of the examples file (a request
     * checks it too).
     *
     * @throws InvalidProviderSettingException naming the examples file and the line of the first category missing
     */
    public void checkTaxonomy(String step, Collection<String> taxonomyNames) {
        if (settings.examples() != null) {
            settings.examples().requireCoveredBy(taxonomyNames, step);
        }
    }

    /**
     * Answers a {@code classify} or {@code summarize} task.
     *
     * @throws LlmCallException                BAD_REQUEST for another task type or a malformed task
     * @throws InvalidProviderSettingException when the examples file has a category the step's taxonomy lacks
     *                                         (a configuration error: every request of that step would fail alike)
     */
    @Override
    public ChatResponse complete(ChatRequest request) {
        String type = request.taskType();
        try {
            return switch (type) {
                case "classify" -> classify(request);
                case "summarize" -> summarize(request);
                default -> throw badRequest("the local model answers only classify and summarize tasks, not '"
                        + type + "'");
            };
        } catch (LlmCallException | InvalidProviderSettingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LlmCallException(LlmCallException.Kind.SERVER_ERROR,
                    ID + " failed on " + type + " for step " + request.step() + ": " + e, -1, null, e);
        }
    }

    private ChatResponse classify(ChatRequest request) {
        ObjectNode task = request.task();
        String text = requiredText(task, "text");
        String context = optionalText(task, "context");
        List<DefinitionClassifier.Category> taxonomy = taxonomy(task);
        Set<String> names = new LinkedHashSet<>();
        taxonomy.forEach(category -> names.add(category.name()));

        Classification result;
        if (settings.examples() != null) {
            settings.examples().requireCoveredBy(names, request.step());
            result = neighbours().classify(text, names);
        } else {
            result = parts().definitions().classify(text, context, taxonomy);
        }
        ObjectNode answer = JSON.createObjectNode()
                .put("category", result.category())
                .put("confidence", Math.min(MAX_CONFIDENCE, Scores.round3(result.confidence())))
                .put("reasoning", result.reasoning());
        return new ChatResponse(answer.toString(), new TokenUsage(result.promptTokens(), 0), "stop");
    }

    /** The task's taxonomy entries: each needs a name, unique; blank inline examples are dropped. */
    private static List<DefinitionClassifier.Category> taxonomy(ObjectNode task) {
        JsonNode taxonomyNode = task.path("taxonomy");
        if (!taxonomyNode.isArray() || taxonomyNode.isEmpty()) {
            throw badRequest("classify task needs a non-empty 'taxonomy' array");
        }
        List<DefinitionClassifier.Category> taxonomy = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode entry : taxonomyNode) {
            String name = entry.path("name").isTextual() ? entry.path("name").asText().strip() : "";
            if (name.isEmpty()) {
                throw badRequest("every taxonomy entry needs a 'name'");
            }
            if (!names.add(name)) {
                throw badRequest("taxonomy name '" + name + "' appears twice");
            }
            List<String> examples = new ArrayList<>();
            for (JsonNode example : entry.path("examples")) {
                if (example.isTextual() && !example.asText().isBlank()) {
                    examples.add(example.asText());
                }
            }
            taxonomy.add(new DefinitionClassifier.Category(name, entry.path("definition").asText(""), examples));
        }
        return taxonomy;
    }

    private ChatResponse summarize(ChatRequest request) {
        ObjectNode task = request.task();
        String text = requiredText(task, "text");
        String focus = optionalText(task, "focus");
        JsonNode maxNode = task.path("max_length");
        int maxLength = DEFAULT_MAX_LENGTH;
        if (!maxNode.isMissingNode() && !maxNode.isNull()) {
            if (!maxNode.canConvertToInt() || !maxNode.isIntegralNumber() || maxNode.asInt() < 1) {
                throw badRequest("max_length must be a whole number >= 1, not " + maxNode);
            }
            maxLength = maxNode.asInt();
        }
        ExtractiveSummarizer.Summary summary = parts().summarizer().summarize(text, focus, maxLength);
        ObjectNode answer = JSON.createObjectNode()
                .put("text", summary.text())
                .put("reasoning", summary.reasoning());
        return new ChatResponse(answer.toString(), new TokenUsage(summary.promptTokens(), 0), "stop");
    }

    private Parts parts() {
        Parts current = parts;
        if (current != null) {
            return current;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException(ID + " is closed");
            }
            if (parts == null) {
                MiniLmEmbedder embedder = MiniLmEmbedder.acquire();
                double temperature = settings.temperature() != null
                        ? settings.temperature() : DefinitionClassifier.DEFAULT_TEMPERATURE;
                parts = new Parts(embedder, new DefinitionClassifier(embedder, temperature),
                        new ExtractiveSummarizer(embedder));
            }
            return parts;
        }
    }

    private NearestNeighbourClassifier neighbours() {
        CompletableFuture<NearestNeighbourClassifier> future;
        boolean fitHere = false;
        synchronized (lock) {
            if (neighbours == null) {
                neighbours = new CompletableFuture<>();
                fitHere = true;
            }
            future = neighbours;
        }
        if (fitHere) {
            try {
                future.complete(NearestNeighbourClassifier.fit(parts().embedder(), settings.examples(), settings.k(),
                        settings.voteBy(), settings.temperature(), () -> closed));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static String requiredText(ObjectNode task, String field) {
        JsonNode node = task.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw badRequest(task.path("task").asText() + " task needs a non-empty '" + field + "'");
        }
        return node.asText();
    }

    private static String optionalText(ObjectNode task, String field) {
        JsonNode node = task.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static LlmCallException badRequest(String message) {
        return new LlmCallException(LlmCallException.Kind.BAD_REQUEST, message);
    }

    /** Stops a warm-up in progress and releases this provider's handle on the shared model. */
    @Override
    public void close() {
        closed = true;
        if (warmUpThread != null) {
            try {
                warmUpThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lock) {
            if (parts != null) {
                parts.embedder().close();
                parts = null;
            }
        }
    }
}
