package io.cognitivecdc.llm.azure;

import com.openai.azure.AzureOpenAIServiceVersion;
import com.openai.azure.AzureUrlPathMode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.Timeout;
import com.openai.credential.BearerTokenCredential;
import com.openai.credential.Credential;
import com.openai.errors.OpenAIException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.cognitivecdc.llm.ChatMessage;
import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatRequest;
import io.cognitivecdc.llm.ChatResponse;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.llm.LlmCallException.Kind;
import io.cognitivecdc.llm.ResponseSchema;
import io.cognitivecdc.llm.TokenUsage;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A {@link ChatModel} backed by an Azure OpenAI deployment, through the official {@code openai-java} SDK (synchronous
 * OkHttp client; one instance is thread-safe and meant to be shared).
 *
 * <p>Every call sends the conversation, the step's JSON Schema as {@code response_format} (type {@code json_schema},
 * {@code strict: true}) and {@code temperature: 0}, and the asking step's name in the {@code x-cognitive-cdc-step}
 * header. The SDK's own retries are switched off: the resilience layer above owns retries, and SDK retries underneath
 * would multiply them and hide 429s from the rate limiter.
 *
 * <p>Failures become {@link LlmCallException}s: 429 → {@link Kind#RATE_LIMITED} (with {@code retry-after-ms} /
 * {@code Retry-After}), 5xx → {@link Kind#SERVER_ERROR}, timeouts → {@link Kind#TIMEOUT}, other I/O →
 * {@link Kind#CONNECTION}, Azure's prompt filter (400 {@code content_filter}) or a {@code content_filter} finish
 * reason → {@link Kind#CONTENT_FILTER}, other 400/404/422 → {@link Kind#BAD_REQUEST}, 401/403 →
 * {@link Kind#AUTHENTICATION}. An answer that is merely invalid JSON is returned, never thrown.
 */
public final class AzureOpenAiChatModel implements ChatModel {

    /** Request header carrying the asking step's name (the simulator counts calls per step from it). */
    public static final String STEP_HEADER = "x-cognitive-cdc-step";

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * OkHttp keeps only 5 idle connections by default: with dozens of calls in flight every burst would pay new TLS
     * handshakes. Idle connections cost a socket each.
     */
    private static final int MAX_IDLE_CONNECTIONS = 256;
    /**
     * Below Azure load balancers' 4-minute idle timeout (OkHttp's default is 5 minutes), so a pooled connection is
     * not one the network already dropped silently.
     */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(60);

    private final AzureOpenAiSettings settings;
    private final OpenAIClient client;
    private final AzureErrorMapper errors;
    private final String id;

    public AzureOpenAiChatModel(AzureOpenAiSettings settings) {
        this(settings, Clock.systemUTC());
    }

    AzureOpenAiChatModel(AzureOpenAiSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.errors = new AzureErrorMapper(clock);
        this.client = buildClient(settings);
        this.id = "azure-openai/" + settings.deployment();
    }

    private static OpenAIClient buildClient(AzureOpenAiSettings settings) {
        Duration connect = settings.timeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
                ? settings.timeout() : MAX_CONNECT_TIMEOUT;
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder()
                .credential(credential(settings))
                .maxRetries(0)
                .maxIdleConnections(MAX_IDLE_CONNECTIONS)
                .keepAliveDuration(KEEP_ALIVE)
                .timeout(Timeout.builder().request(settings.timeout()).connect(connect).build());
        String endpoint = settings.endpointWithoutTrailingSlash();
        // The SDK recognises Azure by host name (*.openai.azure.com, …) in its AUTO mode; naming the mode explicitly
        // makes private endpoints, gateways and the simulator on 127.0.0.1 behave exactly like Azure.
        switch (settings.pathStyle()) {
            case DEPLOYMENTS -> builder
                    .baseUrl(endpoint)
                    .azureUrlPathMode(AzureUrlPathMode.LEGACY)
                    .azureServiceVersion(AzureOpenAIServiceVersion.fromString(settings.apiVersion()));
            case V1 -> builder
                    .baseUrl(endpoint.endsWith("/openai/v1") ? endpoint : endpoint + "/openai/v1")
                    .azureUrlPathMode(AzureUrlPathMode.UNIFIED);
        }
        return builder.build();
    }

    private static Credential credential(AzureOpenAiSettings settings) {
        return settings.usesApiKey()
                ? AzureApiKeyCredential.create(settings.apiKey())
                : BearerTokenCredential.create(settings.bearerTokenSupplier());
    }

    /** {@code azure-openai/<deployment>}. */
    @Override
    public String id() {
        return id;
    }

    /** The settings this model was built from (their {@code toString} hides the credential). */
    public AzureOpenAiSettings settings() {
        return settings;
    }

    @Override
    public ChatResponse complete(ChatRequest request) {
        ChatCompletion completion;
        try {
            completion = client.chat().completions().create(params(request));
        } catch (OpenAIException e) {
            throw errors.map(e);
        }
        return toResponse(completion);
    }

    private ChatCompletionCreateParams params(ChatRequest request) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                // For the deployments route the SDK moves the model into the path; for v1 Azure reads it as the
                // deployment name.
                .model(settings.deployment())
                .temperature(0.0)
                .responseFormat(responseFormat(request.responseSchema()))
                .putAdditionalHeader(STEP_HEADER, request.step());
        for (ChatMessage message : request.messages()) {
            switch (message.role()) {
                case SYSTEM -> params.addSystemMessage(message.content());
                case USER -> params.addUserMessage(message.content());
                case ASSISTANT -> params.addAssistantMessage(message.content());
            }
        }
        return params.build();
    }

    private static ResponseFormatJsonSchema responseFormat(ResponseSchema schema) {
        Map<String, JsonValue> properties = new TreeMap<>();
        schema.schema().properties().forEach(field -> properties.put(field.getKey(),
                JsonValue.fromJsonNode(field.getValue())));
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(schema.name())
                        .strict(true)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .additionalProperties(properties)
                                .build())
                        .build())
                .build();
    }

    private ChatResponse toResponse(ChatCompletion completion) {
        try {
            if (completion.choices().isEmpty()) {
                throw new LlmCallException(Kind.SERVER_ERROR, "the answer has no choices", 200, null, null);
            }
            ChatCompletion.Choice choice = completion.choices().getFirst();
            String finishReason = choice._finishReason().asKnown()
                    .map(ChatCompletion.Choice.FinishReason::asString).orElse("unknown");
            if (ChatCompletion.Choice.FinishReason.CONTENT_FILTER.asString().equals(finishReason)) {
                throw new LlmCallException(Kind.CONTENT_FILTER,
                        "the content filter withheld the answer (finish_reason content_filter)", 200, null, null);
            }
            String content = choice.message().content().orElse(null);
            if (content == null) {
                // With structured outputs a model that will not answer says so in `refusal` instead of content.
                String refusal = choice.message().refusal().orElse(null);
                if (refusal != null) {
                    throw new LlmCallException(Kind.CONTENT_FILTER, "the model refused: " + refusal, 200, null, null);
                }
                content = "";
            }
            TokenUsage usage = completion.usage()
                    .map(u -> new TokenUsage(Math.max(0, u.promptTokens()), Math.max(0, u.completionTokens())))
                    .orElse(TokenUsage.ZERO);
            return new ChatResponse(content, usage, finishReason);
        } catch (OpenAIException e) {
            // Fields are parsed lazily: a malformed answer surfaces here, not in create().
            throw errors.map(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "AzureOpenAiChatModel[" + settings + "]";
    }
}
