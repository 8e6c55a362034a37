package io.cognitivecdc.llm.azure;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.Durations;
import io.cognitivecdc.llm.InvalidProviderSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code azure-openai} provider type.
 *
 * <p>Settings (each falls back to an environment variable when absent, so secrets need not be in the pipeline file):
 * <table>
 *   <caption>azure-openai settings</caption>
 *   <tr><th>key</th><th>environment variable</th><th>meaning</th></tr>
 *   <tr><td>{@code endpoint}</td><td>{@code AZURE_OPENAI_ENDPOINT}</td><td>required, e.g.
 *       {@code https://my-resource.openai.azure.com}</td></tr>
 *   <tr><td>{@code deployment}</td><td>{@code AZURE_OPENAI_DEPLOYMENT}</td><td>required</td></tr>
 *   <tr><td>{@code api-version}</td><td>{@code AZURE_OPENAI_API_VERSION}</td><td>default
 *       {@value AzureOpenAiSettings#DEFAULT_API_VERSION}; unused with {@code path-style: v1}</td></tr>
 *   <tr><td>{@code api-key}</td><td>{@code AZURE_OPENAI_API_KEY}</td><td>the resource key</td></tr>
 *   <tr><td>{@code bearer-token}</td><td>-</td><td>a fixed Entra ID token instead of a key (expires; short runs)</td></tr>
 *   <tr><td>{@code bearer-token-supplier}</td><td>-</td><td>Java API only: a {@code Supplier<String>} of Entra ID
 *       tokens, e.g. from azure-identity</td></tr>
 *   <tr><td>{@code path-style}</td><td>-</td><td>{@code deployments} (default) or {@code v1}</td></tr>
 *   <tr><td>{@code timeout}</td><td>-</td><td>per call; ISO-8601 ({@code PT30S}), {@code 30s}, {@code 500ms} or a
 *       number of seconds; default 60 s</td></tr>
 * </table>
 * An explicit {@code api-key} or bearer token wins over {@code AZURE_OPENAI_API_KEY}. Unknown keys are logged and
 * ignored, because a provider entry may also carry settings for the layers around the model (rate limits, retries).
 */
public final class AzureOpenAiChatModelFactory implements ChatModelFactory {

    public static final String TYPE = "azure-openai";

    public static final String ENDPOINT = "endpoint";
    public static final String DEPLOYMENT = "deployment";
    public static final String API_VERSION = "api-version";
    public static final String API_KEY = "api-key";
    public static final String BEARER_TOKEN = "bearer-token";
    public static final String BEARER_TOKEN_SUPPLIER = "bearer-token-supplier";
    public static final String PATH_STYLE = "path-style";
    public static final String TIMEOUT = "timeout";

    public static final String ENV_ENDPOINT = "AZURE_OPENAI_ENDPOINT";
    public static final String ENV_DEPLOYMENT = "AZURE_OPENAI_DEPLOYMENT";
    public static final String ENV_API_VERSION = "AZURE_OPENAI_API_VERSION";
    public static final String ENV_API_KEY = "AZURE_OPENAI_API_KEY";

    private static final Set<String> KNOWN = Set.of(ENDPOINT, DEPLOYMENT, API_VERSION, API_KEY, BEARER_TOKEN,
            BEARER_TOKEN_SUPPLIER, PATH_STYLE, TIMEOUT);
    private static final Logger LOG = LoggerFactory.getLogger(AzureOpenAiChatModelFactory.class);

    private final Function<String, String> environment;

    /** Reads fallbacks from the process environment (the {@link java.util.ServiceLoader} constructor). */
    public AzureOpenAiChatModelFactory() {
        this(System::getenv);
    }

    /** @param environment looks up an environment variable; tests pass a map's {@code get} */
    public AzureOpenAiChatModelFactory(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ChatModel create(Map<String, Object> settings) {
        return new AzureOpenAiChatModel(settings(settings));
    }

    /**
     * Reads and checks the settings without creating a client.
     *
     * @throws InvalidProviderSettingException naming the setting (and its environment variable) that is missing or
     *                                         wrong
     */
    public AzureOpenAiSettings settings(Map<String, Object> settings) {
        settings.keySet().stream().filter(key -> !KNOWN.contains(key)).forEach(key ->
                LOG.warn("azure-openai provider: ignoring unknown setting '{}' (known: {})", key, KNOWN));

        AzureOpenAiSettings.Builder builder = AzureOpenAiSettings.builder()
                .endpoint(required(settings, ENDPOINT, ENV_ENDPOINT,
                        "the Azure OpenAI resource URL, e.g. https://my-resource.openai.azure.com"))
                .deployment(required(settings, DEPLOYMENT, ENV_DEPLOYMENT, "the deployment name"));
        text(settings, API_VERSION, ENV_API_VERSION).ifPresent(builder::apiVersion);
        credential(settings, builder);
        optionalText(settings, PATH_STYLE).ifPresent(value -> {
            try {
                builder.pathStyle(AzurePathStyle.parse(value));
            } catch (IllegalArgumentException e) {
                throw new InvalidProviderSettingException(PATH_STYLE, e.getMessage());
            }
        });
        if (settings.get(TIMEOUT) != null) {
            builder.timeout(duration(settings.get(TIMEOUT)));
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String setting = message.startsWith("endpoint") ? ENDPOINT
                    : message.startsWith("deployment") ? DEPLOYMENT
                    : message.startsWith("timeout") ? TIMEOUT : API_KEY;
            throw new InvalidProviderSettingException(setting, message);
        }
    }

    private void credential(Map<String, Object> settings, AzureOpenAiSettings.Builder builder) {
        Optional<String> key = optionalText(settings, API_KEY);
        Optional<String> token = optionalText(settings, BEARER_TOKEN);
        Object supplier = settings.get(BEARER_TOKEN_SUPPLIER);
        int explicit = (key.isPresent() ? 1 : 0) + (token.isPresent() ? 1 : 0) + (supplier != null ? 1 : 0);
        if (explicit > 1) {
            throw new InvalidProviderSettingException(API_KEY, "set only one of api-key, bearer-token and "
                    + "bearer-token-supplier");
        }
        if (key.isPresent()) {
            builder.apiKey(key.get());
        } else if (token.isPresent()) {
            builder.bearerToken(token.get());
        } else if (supplier != null) {
            if (!(supplier instanceof Supplier<?> tokens)) {
                throw new InvalidProviderSettingException(BEARER_TOKEN_SUPPLIER,
                        "must be a java.util.function.Supplier<String> (Java API only), not " + supplier.getClass());
            }
            builder.bearerTokenSupplier(() -> String.valueOf(tokens.get()));
        } else {
            String fromEnv = environment.apply(ENV_API_KEY);
            if (fromEnv == null || fromEnv.isBlank()) {
                throw new InvalidProviderSettingException(API_KEY, "no credential: set api-key or the " + ENV_API_KEY
                        + " environment variable (or bearer-token for Microsoft Entra ID)");
            }
            builder.apiKey(fromEnv);
        }
    }

    private String required(Map<String, Object> settings, String key, String env, String what) {
        return text(settings, key, env).orElseThrow(() -> new InvalidProviderSettingException(key,
                "missing: set " + key + " or the " + env + " environment variable (" + what + ")"));
    }

    private Optional<String> text(Map<String, Object> settings, String key, String env) {
        Optional<String> explicit = optionalText(settings, key);
        if (explicit.isPresent()) {
            return explicit;
        }
        String fromEnv = environment.apply(env);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.trim());
    }

    private static Optional<String> optionalText(Map<String, Object> settings, String key) {
        Object value = settings.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Map<?, ?> || value instanceof Iterable<?>) {
            throw new InvalidProviderSettingException(key, "must be a single value");
        }
        String text = String.valueOf(value).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** Accepts a number of seconds, ISO-8601 ({@code PT30S}) or a number with {@code ms}, {@code s} or {@code m}. */
    static Duration duration(Object value) {
        Duration parsed;
        try {
            parsed = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidProviderSettingException(TIMEOUT, e.getMessage());
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new InvalidProviderSettingException(TIMEOUT, "must be positive, got '" + value + "'");
        }
        return parsed;
    }
}
