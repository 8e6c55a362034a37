package io.cognitivecdc.pipeline.definition;

import static io.cognitivecdc.pipeline.definition.DefinitionSections.messages;
import static io.cognitivecdc.pipeline.definition.DefinitionSections.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.llm.ChatModelFactory;
import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.llm.FixedModelFactory;
import io.cognitivecdc.llm.payloadlog.PayloadLog;
import io.cognitivecdc.llm.payloadlog.PayloadLoggingChatModel;
import io.cognitivecdc.llm.resilience.ResilientChatModel;
import io.cognitivecdc.settings.EnvironmentReferences;
import io.cognitivecdc.settings.Problems;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code providers} section and the models created from it. */
class ProviderModelsTest {

    private final FakeChatModel model = new FakeChatModel();
    private final Map<String, ChatModelFactory> types = Map.of("fake", new FixedModelFactory("fake", model));
    private final Problems problems = new Problems();

    private ProviderModels read(String providers, PayloadLog payloadLog) {
        return ProvidersDefinition.read(yaml(providers), types,
                payloadLog, new EnvironmentReferences(Map.of("REGION", "west")::get), problems);
    }

    @Test
    void shouldWrapEachModelInResilienceAroundThePayloadLog(@TempDir Path dir) {
        PayloadLog payloadLog = PayloadLog.builder().enabled(true).file(dir.resolve("p.jsonl")).build();
        ProviderModels models = read("{ azure: { type: fake, resilience: { retry: { max_attempts: 2 } } } }",
                payloadLog);

        assertThat(models.model("azure")).isInstanceOfSatisfying(ResilientChatModel.class, resilient -> {
            assertThat(resilient.settings().retry().maxAttempts()).isEqualTo(2);
            assertThat(resilient.delegate()).isInstanceOf(PayloadLoggingChatModel.class);
        });
        models.closeQuietly();
        payloadLog.close();
    }

    @Test
    void shouldCreateOnlyProvidersInUseAndEachOnce() {
        ProviderModels models = read("{ used: { type: fake, region: \"${env:REGION}\" }, spare: { type: fake } }",
                PayloadLog.disabled());

        assertThat(models.model("used")).isSameAs(models.model("used"));
        assertThat(models.created()).containsOnlyKeys("used");
        assertThat(models.names()).containsExactly("used", "spare");
        models.closeQuietly();
    }

    @Test
    void shouldReportAProviderThatCannotBeCreatedOnceAndLeaveItOut() {
        ProviderModels models = read("{ broken: { type: fake, fail: \"${env:KEY}\", key: \"${env:OTHER}\" } }",
                PayloadLog.disabled());

        assertThat(models.model("broken")).isNull();
        assertThat(models.model("broken")).isNull();
        assertThat(models.created()).isEmpty();
        assertThat(messages(problems)).containsExactly(
                "providers.broken.fail: environment variable KEY is not set",
                "providers.broken.key: environment variable OTHER is not set");
    }

    @Test
    void shouldReportPathOfEntriesWithoutAKnownType() {
        ProviderModels models = read("{ a: { type: gpt }, b: { endpoint: x }, c: local }", PayloadLog.disabled());

        assertThat(models.names()).isEmpty();
        assertThat(messages(problems)).containsExactly(
                "providers.a.type: unknown provider type 'gpt'; known types are [fake]",
                "providers.b.type: missing; known types are [fake]",
                "providers.c: must be a mapping with a type, was 'local'");
    }

    @Test
    void shouldReportMissingProviders() {
        read("{}", PayloadLog.disabled());

        assertThat(messages(problems)).containsExactly(
                "providers: missing or empty; name at least one model provider, e.g. local: { type: local }");
    }
}
