package io.cognitivecdc.llm.azure;

import io.cognitivecdc.llm.ChatModel;
import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.InvalidProviderSettingException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Provider settings of type {@code azure-openai}. */
class AzureOpenAiChatModelFactoryTest {

    private static AzureOpenAiChatModelFactory factory(Map<String, String> env) {
        return new AzureOpenAiChatModelFactory(env::get);
    }

    private static Map<String, Object> settings(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void is_found_through_the_service_loader() {
        assertThat(ServiceLoader.load(ChatModelFactory.class).stream().map(ServiceLoader.Provider::get)
                .map(ChatModelFactory::type)).contains("azure-openai");
    }

    @Test
    void settings_come_from_the_entry_and_default_to_environment_variables() {
        AzureOpenAiSettings fromEnv = factory(Map.of("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com",
                "AZURE_OPENAI_DEPLOYMENT", "gpt-4o", "AZURE_OPENAI_API_KEY", "k",
                "AZURE_OPENAI_API_VERSION", "2025-01-01-preview")).settings(settings());
        AzureOpenAiSettings explicit = factory(Map.of("AZURE_OPENAI_DEPLOYMENT", "ignored"))
                .settings(settings("endpoint", "https://r.openai.azure.com", "deployment", "mini", "api-key", "k2",
                        "path-style", "V1", "timeout", "PT15S"));

        assertThat(fromEnv.endpoint()).isEqualTo("https://r.openai.azure.com");
        assertThat(fromEnv.deployment()).isEqualTo("gpt-4o");
        assertThat(fromEnv.apiVersion()).isEqualTo("2025-01-01-preview");
        assertThat(fromEnv.apiKey()).isEqualTo("k");
        assertThat(fromEnv.pathStyle()).isEqualTo(AzurePathStyle.DEPLOYMENTS);
        assertThat(fromEnv.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(explicit.deployment()).isEqualTo("mini");
        assertThat(explicit.apiVersion()).isEqualTo(AzureOpenAiSettings.DEFAULT_API_VERSION);
        assertThat(explicit.pathStyle()).isEqualTo(AzurePathStyle.V1);
        assertThat(explicit.timeout()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void missing_endpoint_deployment_or_credential_names_the_setting_and_its_environment_variable() {
        AzureOpenAiChatModelFactory empty = factory(Map.of());

        assertThatThrownBy(() -> empty.create(settings("deployment", "d", "api-key", "k")))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("endpoint");
                    assertThat(e.problem()).contains("AZURE_OPENAI_ENDPOINT");
                });
        assertThatThrownBy(() -> empty.create(settings("endpoint", "https://r.openai.azure.com", "api-key", "k")))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("deployment");
                    assertThat(e.problem()).contains("AZURE_OPENAI_DEPLOYMENT");
                });
        assertThatThrownBy(() -> empty.create(settings("endpoint", "https://r.openai.azure.com", "deployment", "d")))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("api-key");
                    assertThat(e.problem()).contains("AZURE_OPENAI_API_KEY").contains("bearer-token");
                });
    }

    @Test
    void wrong_values_are_reported_with_their_setting() {
        AzureOpenAiChatModelFactory env = factory(Map.of("AZURE_OPENAI_ENDPOINT", "https://r.openai.azure.com",
                "AZURE_OPENAI_DEPLOYMENT", "d", "AZURE_OPENAI_API_KEY", "k"));

        assertThatThrownBy(() -> env.settings(settings("endpoint", "r.openai.azure.com")))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("endpoint"));
        assertThatThrownBy(() -> env.settings(settings("path-style", "legacy")))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class,
                        e -> assertThat(e.problem()).contains("deployments").contains("v1"));
        assertThatThrownBy(() -> env.settings(settings("timeout", "soon")))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("timeout"));
        assertThatThrownBy(() -> env.settings(settings("timeout", 0)))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("timeout"));
        assertThatThrownBy(() -> env.settings(settings("api-key", "a", "bearer-token", "b")))
                .isInstanceOfSatisfying(InvalidProviderSettingException.class,
                        e -> assertThat(e.problem()).contains("only one"));
    }

    @Test
    void timeouts_accept_seconds_suffixes_and_iso_8601() {
        assertThat(AzureOpenAiChatModelFactory.duration(30)).isEqualTo(Duration.ofSeconds(30));
        assertThat(AzureOpenAiChatModelFactory.duration(1.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(AzureOpenAiChatModelFactory.duration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(AzureOpenAiChatModelFactory.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(AzureOpenAiChatModelFactory.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(AzureOpenAiChatModelFactory.duration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void an_explicit_bearer_token_wins_over_the_key_in_the_environment() {
        Supplier<String> tokens = () -> "t";
        AzureOpenAiChatModelFactory env = factory(Map.of("AZURE_OPENAI_API_KEY", "env-key"));

        AzureOpenAiSettings token = env.settings(settings("endpoint", "https://r.openai.azure.com",
                "deployment", "d", "bearer-token", "static"));
        AzureOpenAiSettings supplier = env.settings(settings("endpoint", "https://r.openai.azure.com",
                "deployment", "d", "bearer-token-supplier", tokens));

        assertThat(token.usesApiKey()).isFalse();
        assertThat(token.bearerTokenSupplier().get()).isEqualTo("static");
        assertThat(supplier.bearerTokenSupplier().get()).isEqualTo("t");
    }

    @Test
    void the_model_id_is_provider_and_deployment_and_nothing_shows_the_key() {
        try (ChatModel model = factory(Map.of()).create(settings("endpoint", "https://r.openai.azure.com",
                "deployment", "gpt-4o-mini", "api-key", "super-secret"))) {
            assertThat(model.id()).isEqualTo("azure-openai/gpt-4o-mini");
            assertThat(model.toString()).doesNotContain("super-secret");
        }
    }
}
