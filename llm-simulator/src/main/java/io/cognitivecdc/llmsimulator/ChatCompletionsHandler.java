package io.cognitivecdc.llmsimulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.cognitivecdc.llm.azure.AzureOpenAiChatModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves {@code POST /openai/deployments/{deployment}/chat/completions?api-version=…} and
 * {@code POST /openai/v1/chat/completions}: authentication, quota, faults, latency, answer — in that order, as Azure
 * checks keys and quota before any model work.
 */
final class ChatCompletionsHandler {

    static final Pattern DEPLOYMENTS_PATH = Pattern.compile("/openai/deployments/([^/]+)/chat/completions/?");
    static final String V1_PATH = "/openai/v1/chat/completions";

    private final SimulatorConfig config;
    private final ObjectMapper mapper;
    private final AzureErrors errors;
    private final FaultPicker faults;
    private final QuotaWindow quota;
    private final StatsRecorder stats;
    private final TaskAnswerer answerer;
    private final Random random;
    private final AtomicLong ids = new AtomicLong();
    private final byte[] apiKey;

    ChatCompletionsHandler(SimulatorConfig config, ObjectMapper mapper, FaultPicker faults, StatsRecorder stats,
                           Random random) {
        this.config = config;
        this.mapper = mapper;
        this.errors = new AzureErrors(mapper);
        this.faults = faults;
        this.quota = new QuotaWindow(config.quota(), System::nanoTime);
        this.stats = stats;
        this.answerer = new TaskAnswerer(mapper);
        this.random = random;
        this.apiKey = config.apiKey().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the path is a chat-completions route. */
    static boolean matches(String path) {
        return path.equals(V1_PATH) || path.equals(V1_PATH + "/") || DEPLOYMENTS_PATH.matcher(path).matches();
    }

    void handle(HttpExchange exchange) throws IOException {
        Outcome outcome = new Outcome(Optional.ofNullable(exchange.getRequestHeaders()
                .getFirst(AzureOpenAiChatModel.STEP_HEADER)).orElse("unknown"));
        stats.started();
        try {
            serve(exchange, outcome);
        } finally {
            outcome.count(stats);
        }
    }

    /** What gets counted for one request. */
    private static final class Outcome {
        final String step;
        int status = 500;
        String taskType = "unknown";
        String fault;
        String route;
        String deployment;
        long promptTokens;
        long completionTokens;
        private boolean counted;

        Outcome(String step) {
            this.step = step;
        }

        /** Counts once; called before the response is written, so a client that got an answer sees it counted. */
        void count(StatsRecorder stats) {
            if (!counted) {
                counted = true;
                stats.finished();
                stats.record(status, taskType, step, fault, route, deployment, promptTokens, completionTokens);
            }
        }
    }

    /** Rejects what Azure would reject before any model work (method, key, route, body), then answers. */
    private void serve(HttpExchange exchange, Outcome outcome) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        Matcher deploymentPath = DEPLOYMENTS_PATH.matcher(path);
        boolean v1 = !deploymentPath.matches();
        outcome.route = v1 ? "v1" : "deployments";
        outcome.deployment = v1 ? null : deploymentPath.group(1);
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, outcome, 405, errors.simple("405", "Method not allowed; use POST."));
            return;
        }
        if (!authorized(exchange)) {
            send(exchange, outcome, 401, errors.unauthorized());
            return;
        }
        String apiVersion = Http.queryParam(exchange.getRequestURI(), "api-version");
        if (!v1 && apiVersion == null) {
            // Azure's classic routes do not resolve without an api-version.
            send(exchange, outcome, 404, errors.notFound());
            return;
        }
        CompletionRequest request;
        try {
            request = CompletionRequest.parse(mapper, raw, outcome.step);
        } catch (IllegalArgumentException e) {
            send(exchange, outcome, 400, errors.badRequest(e.getMessage()));
            return;
        }
        outcome.taskType = request.taskType();
        if (v1) {
            outcome.deployment = request.body().path("model").asText(null);
        }
        if (v1 && request.body().path("model").asText("").isEmpty()) {
            send(exchange, outcome, 400, errors.badRequest("'model' is required: the deployment name."));
            return;
        }
        admitAndAnswer(exchange, outcome, request, apiVersion);
    }

    /** Quota, then faults, then latency, then the answer. */
    private void admitAndAnswer(HttpExchange exchange, Outcome outcome, CompletionRequest request, String apiVersion)
            throws IOException {
        long promptTokens = TokenEstimator.prompt(request);
        Optional<Duration> quotaWait = quota.tryAdmit(promptTokens);
        if (quotaWait.isPresent()) {
            outcome.fault = "quota";
            rateLimited(exchange, outcome, apiVersion, quotaWait.get(), "call rate limit");
            return;
        }
        Fault fault = faults.pick(request).orElse(null);
        outcome.fault = fault == null ? null : fault.wireName();
        FaultSettings settings = faults.settings();
        if (fault != null && fault.effect() == Fault.Effect.HTTP_ERROR) {
            sendFault(exchange, outcome, apiVersion, fault, settings);
            return;
        }
        Duration delay = fault == Fault.SLOW ? settings.slowDelay() : config.latency().sample(random);
        if (!sleep(delay)) {
            outcome.status = 499; // the simulator is closing; nobody is waiting for this answer any more
            return;
        }
        TaskAnswerer.Answer answer = answerer.answer(request, fault);
        outcome.promptTokens = promptTokens;
        outcome.completionTokens = TokenEstimator.completion(answer.content());
        send(exchange, outcome, 200, completion(answer, outcome.promptTokens, outcome.completionTokens));
    }

    private void sendFault(HttpExchange exchange, Outcome outcome, String apiVersion, Fault fault,
                           FaultSettings settings) throws IOException {
        switch (fault) {
            case RATE_LIMIT -> rateLimited(exchange, outcome, apiVersion, settings.retryAfter(),
                    "token rate limit");
            case SERVER_ERROR -> send(exchange, outcome, 500, errors.serverError());
            case UNAVAILABLE -> send(exchange, outcome, 503, errors.unavailable());
            case CONTENT_FILTER -> send(exchange, outcome, 400, errors.contentFilter());
            default -> throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String key = exchange.getRequestHeaders().getFirst("api-key");
        if (key == null) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                key = authorization.substring(7).trim();
            }
        }
        return key != null && MessageDigest.isEqual(apiKey, key.getBytes(StandardCharsets.UTF_8));
    }

    private void rateLimited(HttpExchange exchange, Outcome outcome, String apiVersion, Duration wait, String limit)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(seconds));
        exchange.getResponseHeaders().set("retry-after-ms", String.valueOf(wait.toMillis()));
        send(exchange, outcome, 429, errors.rateLimited(apiVersion == null ? "v1" : apiVersion, seconds, limit));
    }

    private ObjectNode completion(TaskAnswerer.Answer answer, long prompt, long completion) {
        ObjectNode body = mapper.createObjectNode();
        ArrayNode choices = body.putArray("choices");
        ObjectNode choice = choices.addObject();
        boolean filtered = "content_filter".equals(answer.finishReason());
        ContentFilterResults.put(choice.putObject("content_filter_results"), filtered);
        choice.put("finish_reason", answer.finishReason());
        choice.put("index", 0);
        choice.putNull("logprobs");
        ObjectNode message = choice.putObject("message");
        message.putArray("annotations");
        if (answer.content() == null) {
            message.putNull("content");
        } else {
            message.put("content", answer.content());
        }
        message.putNull("refusal");
        message.put("role", "assistant");
        body.put("created", System.currentTimeMillis() / 1000);
        body.put("id", String.format("chatcmpl-sim%012d", ids.incrementAndGet()));
        body.put("model", config.model());
        body.put("object", "chat.completion");
        ObjectNode promptFilter = body.putArray("prompt_filter_results").addObject();
        promptFilter.put("prompt_index", 0);
        ContentFilterResults.put(promptFilter.putObject("content_filter_results"), false);
        body.put("system_fingerprint", "fp_simulator");
        ObjectNode usage = body.putObject("usage");
        usage.put("completion_tokens", completion);
        usage.putObject("completion_tokens_details").put("accepted_prediction_tokens", 0).put("audio_tokens", 0)
                .put("reasoning_tokens", 0).put("rejected_prediction_tokens", 0);
        usage.put("prompt_tokens", prompt);
        usage.putObject("prompt_tokens_details").put("audio_tokens", 0).put("cached_tokens", 0);
        usage.put("total_tokens", prompt + completion);
        return body;
    }

    private void send(HttpExchange exchange, Outcome outcome, int status, ObjectNode body) throws IOException {
        outcome.status = status;
        outcome.count(stats);
        exchange.getResponseHeaders().set("apim-request-id", UUID.randomUUID().toString());
        exchange.getResponseHeaders().set("x-ms-region", "Simulator");
        Http.sendJson(exchange, status, mapper.writeValueAsBytes(body));
    }

    /** Sleeps on the request's virtual thread; false when interrupted (the simulator is closing). */
    private static boolean sleep(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Azure's per-category verdicts, all "safe" unless {@code filtered}. */
    private static final class ContentFilterResults {
        static void put(ObjectNode results, boolean filtered) {
            results.putObject("hate").put("filtered", false).put("severity", "safe");
            results.putObject("self_harm").put("filtered", false).put("severity", "safe");
            results.putObject("sexual").put("filtered", false).put("severity", "safe");
            results.putObject("violence").put("filtered", filtered).put("severity", filtered ? "high" : "safe");
        }
    }
}
