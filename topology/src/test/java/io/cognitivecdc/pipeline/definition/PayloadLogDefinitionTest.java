package io.cognitivecdc.pipeline.definition;

import static io.cognitivecdc.pipeline.definition.DefinitionSections.messages;
import static io.cognitivecdc.pipeline.definition.DefinitionSections.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.llm.payloadlog.PayloadLog;
import io.cognitivecdc.settings.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadLogDefinitionTest {

    private final Problems problems = new Problems();

    @Test
    void shouldReportEverySettingWithItsPathAndStayOff() {
        PayloadLog log = PayloadLogDefinition.read(yaml("{ enabled: yes please, file: 3, redact: [ok, 7], truncate: 5,"
                + " rotate: daily }"), problems);

        assertThat(log.isEnabled()).isFalse();
        assertThat(messages(problems)).containsExactly(
                "payload_log.rotate: unknown setting; known settings here are [enabled, file, redact, truncate]",
                "payload_log.enabled: must be true or false, was 'yes please'",
                "payload_log.file: must be a text, was integer 3",
                "payload_log.redact[1]: must be a non-empty text, was integer 7",
                "payload_log.truncate: must be between 20 and 1000000, was 5");
    }

    @Test
    void shouldCreateNoFileWhenTheDefinitionHasProblemsElsewhere(@TempDir Path dir) {
        Path file = dir.resolve("payloads.jsonl");
        problems.add("steps", "missing or empty");

        PayloadLog log = PayloadLogDefinition.read(yaml("{ enabled: true, file: " + file + " }"), problems);

        assertThat(log.isEnabled()).isFalse();
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void shouldReportASectionThatIsNoMapping() {
        assertThat(PayloadLogDefinition.read(true, problems).isEnabled()).isFalse();

        assertThat(messages(problems)).containsExactly(
                "payload_log: must be a mapping with enabled, file, redact and truncate");
    }
}
