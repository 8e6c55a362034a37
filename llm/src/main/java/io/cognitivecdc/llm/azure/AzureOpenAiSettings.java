package io.cognitivecdc.llm.azure;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything needed to reach one Azure OpenAI deployment.
 *
 * <p>Exactly one credential is set: an API key (sent as the {@code api-key} header) or a bearer-token supplier for
 * Microsoft Entra ID (sent as {@code Authorization: Bearer …}, asked for a token on every request, so the supplier
 * should cache and refresh it — e.g. {@code azure-identity}'s {@code getBearerTokenSupplier}).
 *
 * <p>{@link #toString()} never shows the key or a token.
 *
 * @param endpoint            the resource's base URL, e.g. {@code https://my-resource.openai.azure.com}
 * @param deployment          the deployment name (the model, as far as Azure is concerned)
 * @param apiVersion          data-plane API version for {@link AzurePathStyle#DEPLOYMENTS}; ignored for
 *                            {@link AzurePathStyle#V1}
 * @param apiKey              the resource key, or null when using Entra ID
 * @param bearerTokenSupplier Entra ID access tokens, or null when using an API key
 * @param timeout             limit on one whole call (connect, send, wait, read)
 * @param pathStyle           which URL layout to use
 */
public record AzureOpenAiSettings(String endpoint, String deployment, String apiVersion, String apiKey,
                                  Supplier<String> bearerTokenSupplier, Duration timeout, AzurePathStyle pathStyle) {

    /** The newest GA data-plane version the SDK knows; structured outputs need 2024-08-01-preview or later. */
    public static final String DEFAULT_API_VERSION = "2024-10-21";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public AzureOpenAiSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(pathStyle, "pathStyle");
        apiVersion = apiVersion == null || apiVersion.isBlank() ? DEFAULT_API_VERSION : apiVersion.trim();
        endpoint = endpoint.trim();
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' must be an http(s) URL such as "
                    + "https://my-resource.openai.azure.com");
        }
        if (deployment.isBlank()) {
            throw new IllegalArgumentException("deployment must not be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if ((apiKey != null) == (bearerTokenSupplier != null)) {
            throw new IllegalArgumentException("set exactly one credential: an API key or a bearer-token supplier");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether requests authenticate with the {@code api-key} header (otherwise with an Entra ID bearer token). */
    public boolean usesApiKey() {
        return apiKey != null;
    }

    /** The endpoint without trailing slashes. */
    String endpointWithoutTrailingSlash() {
        String trimmed = endpoint;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    @Override
    public String toString() {
        return "AzureOpenAiSettings[endpoint=" + endpoint + ", deployment=" + deployment + ", apiVersion=" + apiVersion
                + ", credential=" + (usesApiKey() ? "api-key(****)" : "bearer-token") + ", timeout=" + timeout
                + ", pathStyle=" + pathStyle.settingValue() + "]";
    }

    /** Builds {@link AzureOpenAiSettings}; path style defaults to {@code deployments}, timeout to 60 s. */
    public static final class Builder {
        private String endpoint;
        private String deployment;
        private String apiVersion = DEFAULT_API_VERSION;
        private String apiKey;
        private Supplier<String> bearerTokenSupplier;
        private Duration timeout = DEFAULT_TIMEOUT;
        private AzurePathStyle pathStyle = AzurePathStyle.DEPLOYMENTS;

        private Builder() {
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder deployment(String deployment) {
            this.deployment = deployment;
            return this;
        }

        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** Authenticates with the resource key; clears any bearer-token supplier. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            this.bearerTokenSupplier = null;
            return this;
        }

        /** Authenticates with Entra ID tokens from {@code supplier} (called per request); clears any API key. */
        public Builder bearerTokenSupplier(Supplier<String> supplier) {
            this.bearerTokenSupplier = supplier;
            this.apiKey = null;
            return this;
        }

        /** Authenticates with one fixed Entra ID token (they expire after about an hour: short runs only). */
        public Builder bearerToken(String token) {
            Objects.requireNonNull(token, "token");
            return bearerTokenSupplier(() -> token);
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder pathStyle(AzurePathStyle pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public AzureOpenAiSettings build() {
            return new AzureOpenAiSettings(endpoint, deployment, apiVersion, apiKey, bearerTokenSupplier, timeout,
                    pathStyle);
        }
    }
}
