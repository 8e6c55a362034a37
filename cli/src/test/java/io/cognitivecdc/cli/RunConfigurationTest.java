package io.cognitivecdc.cli;

import io.cognitivecdc.cli.RunConfiguration.InvalidRunConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settings of {@code run}: properties file, {@code --set}, {@code ${env:...}}, relative pipeline file, required
 * keys, Kafka's own checks, masking. No broker.
 */
class RunConfigurationTest {

    @TempDir
    Path dir;

    private Path conf;

    private Path write(String properties) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(folder.resolve("pipeline.yaml"), "name: x\n");
        conf = Files.writeString(folder.resolve("run.properties"), properties);
        return conf;
    }

    private static final String MINIMAL = """
            bootstrap.servers=broker-1:9092
            application.id=enrich-tickets
            pipeline.file=pipeline.yaml
            schema.registry.url=http://registry:8080/apis/registry/v3
            """;

    private RunConfiguration load(String properties, List<String> overrides, Map<String, String> env) throws IOException {
        return RunConfiguration.load(write(properties), overrides, env::get);
    }

    @Test
    void shouldResolveARelativePipelineFileAgainstTheFolderOfThePropertiesFile() throws IOException {
        RunConfiguration config = load(MINIMAL, List.of(), Map.of());

        Path expected = dir.resolve("conf/pipeline.yaml").toAbsolutePath().normalize();
        assertThat(config.get("pipeline.file")).isEqualTo(expected.toString());
        assertThat(config.topologyConfig().pipelineFile()).isEqualTo(expected);
        assertThat(config.topologyConfig().schemaRegistryUrl()).contains("http://registry:8080/apis/registry/v3");
    }

    @Test
    void shouldKeepAnAbsolutePipelineFile() throws IOException {
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.yaml"), "name: y\n");

        RunConfiguration config = load(MINIMAL.replace("pipeline.file=pipeline.yaml", "pipeline.file=" + elsewhere),
                List.of(), Map.of());

        assertThat(config.get("pipeline.file")).isEqualTo(elsewhere.toString());
    }

    @Test
    void shouldNameTheResolvedPathOfAMissingPipelineFile() throws IOException {
        assertThatThrownBy(() -> load(MINIMAL.replace("pipeline.yaml", "pipelines/nope.yaml"), List.of(), Map.of()))
                .isInstanceOf(InvalidRunConfigurationException.class)
                .hasMessageContaining("run.properties: pipeline.file = 'pipelines/nope.yaml': no such readable file: "
                        + dir.resolve("conf/pipelines/nope.yaml").toAbsolutePath())
                .hasMessageContaining("resolved against the folder of");
    }

    @Test
    void shouldLetSetOverrideAndAddSettings() throws IOException {
        RunConfiguration config = load(MINIMAL + "num.stream.threads=1\n",
                List.of("num.stream.threads=4", "consumer.session.timeout.ms=10000",
                        "sasl.jaas.config=a=b c=\"d\""), Map.of());

        assertThat(config.get("num.stream.threads")).isEqualTo("4");
        assertThat(config.get("consumer.session.timeout.ms")).isEqualTo("10000");
        assertThat(config.get("sasl.jaas.config")).as("split at the first '='").isEqualTo("a=b c=\"d\"");
        assertThat(config.streamsProperties())
                .containsEntry("num.stream.threads", "4")
                .containsEntry("bootstrap.servers", "broker-1:9092")
                .doesNotContainKeys("pipeline.file", "schema.registry.url");
        assertThat(config.describe()).contains("  num.stream.threads = 4   (--set)");
    }

    @Test
    void shouldResolveAPipelineFileFromSetAgainstTheWorkingDirectory() throws IOException {
        Path absolute = Files.writeString(dir.resolve("other.yaml"), "name: z\n");
        Path relativeToCwd = Path.of("").toAbsolutePath().relativize(absolute);

        RunConfiguration config = load(MINIMAL, List.of("pipeline.file=" + relativeToCwd), Map.of());

        assertThat(config.get("pipeline.file")).isEqualTo(absolute.toString());
    }

    @Test
    void shouldRefuseASetWithoutEquals() {
        assertThatThrownBy(() -> load(MINIMAL, List.of("num.stream.threads"), Map.of()))
                .isInstanceOf(InvalidRunConfigurationException.class)
                .hasMessage("--set 'num.stream.threads': expected KEY=VALUE, e.g. --set num.stream.threads=4");
    }

    @Test
    void shouldResolveEnvironmentReferencesInFileAndSetValues() throws IOException {
        RunConfiguration config = load(MINIMAL.replace("broker-1:9092", "${env:KAFKA_HOST}:${env:KAFKA_PORT}"),
                List.of("application.id=enrich-${env:STAGE}"),
                Map.of("KAFKA_HOST", "kafka.internal", "KAFKA_PORT", "9093", "STAGE", "prod"));

        assertThat(config.get("bootstrap.servers")).isEqualTo("kafka.internal:9093");
        assertThat(config.get("application.id")).isEqualTo("enrich-prod");
    }

    @Test
    void shouldLeaveOtherPlaceholdersToKafkaConfigProviders() throws IOException {
        RunConfiguration config = load(MINIMAL + "ssl.keystore.password=${file:/etc/kafka/secrets.properties:ks}\n",
                List.of(), Map.of());

        assertThat(config.get("ssl.keystore.password")).isEqualTo("${file:/etc/kafka/secrets.properties:ks}");
    }

    @Test
    void shouldNameFileKeyAndVariableOfAMissingEnvironmentVariable() throws IOException {
        String properties = MINIMAL + "sasl.jaas.config=PlainLoginModule required password=\"${env:KAFKA_PASSWORD}\";\n";

        assertThatThrownBy(() -> load(properties, List.of(), Map.of()))
                .isInstanceOf(InvalidRunConfigurationException.class)
                .hasMessage(dir.resolve("conf/run.properties") + ": sasl.jaas.config refers to ${env:KAFKA_PASSWORD}, "
                        + "but environment variable KAFKA_PASSWORD is not set; export it before starting, or change "
                        + "the value");
    }

    @Test
    void shouldListEveryMissingEnvironmentVariable() {
        assertThatThrownBy(() -> load(MINIMAL.replace("enrich-tickets", "${env:APP}"),
                List.of("bootstrap.servers=${env:BROKERS}"), Map.of()))
                .hasMessageStartingWith("2 problems")
                .hasMessageContaining("--set: bootstrap.servers refers to ${env:BROKERS}")
                .hasMessageContaining("run.properties: application.id refers to ${env:APP}");
    }

    @Test
    void shouldNameEveryMissingRequiredSettingWithAnExample() {
        assertThatThrownBy(() -> load("bootstrap.servers=b:9092\npipeline.file=pipeline.yaml\n", List.of(), Map.of()))
                .isInstanceOf(InvalidRunConfigurationException.class)
                .hasMessageContaining("run.properties: 2 settings missing")
                .hasMessageContaining("application.id is missing; set it to")
                .hasMessageContaining("e.g. application.id=cognitive-cdc-encounters")
                .hasMessageContaining("schema.registry.url is missing; set it to Apicurio Registry's v3 API");
    }

    @Test
    void shouldReportAMissingPropertiesFile() {
        assertThatThrownBy(() -> RunConfiguration.load(dir.resolve("nope.properties"), List.of(), k -> null))
                .isInstanceOf(InvalidRunConfigurationException.class)
                .hasMessageContaining("nope.properties: no such readable file");
    }

    @Test
    void shouldNameTheKeyOfARegistryUrlThatIsNotTheV3Api() throws IOException {
        RunConfiguration config = load(MINIMAL.replace("/apis/registry/v3", "/apis/ccompat/v7"), List.of(), Map.of());

        assertThatThrownBy(config::topologyConfig)
                .isInstanceOf(InvalidRunConfigurationException.class)
                .hasMessageContaining("run.properties: Invalid value http://registry:8080/apis/ccompat/v7 for "
                        + "configuration schema.registry.url: must end with /apis/registry/v3")
                .hasMessageContaining("override it with --set KEY=VALUE");
    }

    @Test
    void shouldNameTheKeyOfAValueKafkaStreamsRejects() throws IOException {
        RunConfiguration config = load(MINIMAL + "num.stream.threads=many\n", List.of(), Map.of());

        assertThatThrownBy(config::streamsConfig)
                .isInstanceOf(InvalidRunConfigurationException.class)
                .hasMessageContaining("Invalid value many for configuration num.stream.threads");
    }

    @Test
    void shouldNameTheKeyOfAnInvalidProcessorSetting() throws IOException {
        RunConfiguration config = load(MINIMAL + "enrichment.max.in.flight=0\n", List.of(), Map.of());

        assertThatThrownBy(config::streamsConfig)
                .isInstanceOf(InvalidRunConfigurationException.class)
                .hasMessageContaining("enrichment.max.in.flight");
    }

    @Test
    void shouldFlagUnknownKeysButNotPrefixedClientSettings() throws IOException {
        RunConfiguration config = load(MINIMAL + """
                bootstrap.server=typo:9092
                consumer.session.timeout.ms=10000
                main.consumer.max.poll.records=100
                producer.linger.ms=5
                admin.retries=3
                consumer.sesion.timeout.ms=1
                topic.min.insync.replicas=2
                enrichment.max.in.flight=64
                security.protocol=SASL_SSL
                """, List.of(), Map.of());

        assertThat(config.unknownKeys()).containsExactly("bootstrap.server", "consumer.sesion.timeout.ms");
    }

    @Test
    void shouldMaskSecretsInTheDescription() throws IOException {
        RunConfiguration config = load(MINIMAL.replace("http://registry", "http://reader:s3cr3t@registry") + """
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="${env:PW}";
                ssl.truststore.password=trust-me
                ssl.keystore.key=-----BEGIN PRIVATE KEY-----
                sasl.oauthbearer.token.endpoint.url=https://login/token
                apicurio.auth.client.secret=shh
                azure.api-key=abc123
                default.key.serde=org.apache.kafka.common.serialization.Serdes$StringSerde
                consumer.key.deserializer=org.apache.kafka.common.serialization.StringDeserializer
                ssl.keystore.location=/etc/kafka/keystore.jks
                """, List.of(), Map.of("PW", "hunter2"));

        String described = config.describe();

        assertThat(described)
                .contains("  sasl.jaas.config = ********")
                .contains("  ssl.truststore.password = ********")
                .contains("  ssl.keystore.key = ********")
                .contains("  sasl.oauthbearer.token.endpoint.url = ********")
                .contains("  apicurio.auth.client.secret = ********")
                .contains("  azure.api-key = ********")
                .contains("  schema.registry.url = http://reader:********@registry:8080/apis/registry/v3")
                .contains("  default.key.serde = org.apache.kafka.common.serialization.Serdes$StringSerde")
                .contains("  consumer.key.deserializer = org.apache.kafka.common.serialization.StringDeserializer")
                .contains("  ssl.keystore.location = /etc/kafka/keystore.jks")
                .contains("  bootstrap.servers = broker-1:9092")
                .doesNotContain("hunter2", "trust-me", "PRIVATE KEY", "shh", "abc123", "s3cr3t");
    }

    @Test
    void shouldTellSecretKeysFromSerializerClassSettings() {
        assertThat(List.of("ssl.key.password", "api.key", "apikey", "private-key", "OPENAI_API_KEY", "token",
                "client_secret", "sasl.jaas.config", "producer.sasl.jaas.config"))
                .allMatch(RunConfiguration::isSecret);
        assertThat(List.of("key.serializer", "key.deserializer", "default.key.serde", "producer.key.serializer",
                "key.converter", "ssl.keystore.type", "ssl.keymanager.algorithm", "partitioner.ignore.keys",
                "bootstrap.servers", "application.id"))
                .noneMatch(RunConfiguration::isSecret);
    }
}
