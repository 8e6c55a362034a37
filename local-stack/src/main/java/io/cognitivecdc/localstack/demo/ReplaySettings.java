package io.cognitivecdc.localstack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code cognitive-cdc replay --config FILE} needs to reach the running demo: its embedded Kafka, its topology's
 * {@code application.id} (the dead-letter and replay topics are named after it) and its schema registry.
 */
record ReplaySettings(String bootstrapServers, String applicationId, String schemaRegistryUrl) {

    /**
     * Writes the settings as a properties file in the temporary folder. They hold only while the demo runs, so the
     * file goes when the process ends.
     */
    Path write() {
        try {
            Path file = Files.createTempFile("cognitive-cdc-demo-", ".properties");
            file.toFile().deleteOnExit();
            return Files.writeString(file, "# The running cognitive-cdc demo (pid " + ProcessHandle.current().pid()
                    + "); deleted when it stops\n"
                    + "bootstrap.servers=" + bootstrapServers + "\n"
                    + "application.id=" + applicationId + "\n"
                    + "schema.registry.url=" + schemaRegistryUrl + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the replay settings of the demo: " + e.getMessage(), e);
        }
    }
}
