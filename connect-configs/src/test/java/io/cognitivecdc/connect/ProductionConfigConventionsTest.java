package io.cognitivecdc.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductionConfigConventionsTest {

    /** provider:path:key or provider:key, as Kafka's ConfigTransformer reads them. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    /** The settings that make the Connect converters and the topology's serdes frame and resolve ids the same way. */
    private static final Map<String, String> APICURIO_SETTINGS = Map.of(
            "apicurio.registry.url", "${env:APICURIO_REGISTRY_URL}",
            "apicurio.registry.auto-register", "true",
            "apicurio.registry.find-latest", "true",
            "apicurio.registry.id-handler", "io.apicurio.registry.serde.Legacy4ByteIdHandler",
            "apicurio.registry.use-id", "contentId",
            "apicurio.registry.headers.enabled", "false");

    @ParameterizedTest
    @ValueSource(strings = { "sqlserver-source.json", "sqlserver-sink.json" })
    void shouldKeepPasswordsOutOfTheFile(String file) {
        Map<String, String> passwords = ConnectorConfigFile.raw(file).entrySet().stream()
                .filter(e -> e.getKey().toLowerCase(Locale.ROOT).contains("password"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(passwords).isNotEmpty();
        assertThat(passwords.values()).allMatch(value -> value.startsWith("${file:") || value.startsWith("${env:"),
                "a ${file:...} or ${env:...} reference");
    }

    @ParameterizedTest
    @ValueSource(strings = { "sqlserver-source.json", "sqlserver-sink.json" })
    void shouldConvertKeysAndValuesWithTheApicurioAvroConverter(String file) {
        Map<String, String> config = ConnectorConfigFile.raw(file);

        for (String side : new String[]{ "key.converter", "value.converter" }) {
            assertThat(config).containsEntry(side, "io.apicurio.registry.utils.converter.AvroConverter");
            APICURIO_SETTINGS.forEach((name, value) -> assertThat(config).containsEntry(side + "." + name, value));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "sqlserver-source.json", "sqlserver-sink.json" })
    void shouldDocumentEveryEnvironmentVariableAndSecretsFileInTheReadme(String file) throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (String value : ConnectorConfigFile.raw(file).values()) {
            Matcher placeholder = PLACEHOLDER.matcher(value);
            while (placeholder.find()) {
                for (String part : placeholder.group(2).split(":")) {
                    assertThat(readme).as("README.md mentions %s", part).contains(part);
                }
            }
        }
    }
}
