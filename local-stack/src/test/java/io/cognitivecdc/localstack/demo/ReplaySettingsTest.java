package io.cognitivecdc.localstack.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ReplaySettingsTest {

    @Test
    void shouldWriteAPropertiesFileThatPointsTheReplayCommandAtTheDemo() throws IOException {
        Path file = new ReplaySettings("127.0.0.1:22558", "cognitive-cdc-demo-encounters",
                "http://127.0.0.1:25145/apis/registry/v3").write();

        Properties settings = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            settings.load(reader);
        }
        assertThat(settings).containsOnly(
                entry("bootstrap.servers", "127.0.0.1:22558"),
                entry("application.id", "cognitive-cdc-demo-encounters"),
                entry("schema.registry.url", "http://127.0.0.1:25145/apis/registry/v3"));
    }
}
