package io.cognitivecdc.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CognitiveCdcTest {

    @Test
    void usageTellsThatTheBenchmarksExistThoughTheyAreNotInThisCli() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        CognitiveCdc.commandLine().usage(new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("./cognitive-cdc bench");
    }
}
