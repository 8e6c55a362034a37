package io.cognitivecdc.localstack;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownTest {

    @Test
    void shouldStopTheRestInOrderWhenOneFailsToStop() {
        List<String> stopped = new ArrayList<>();
        Shutdown.inOrder(
                () -> stopped.add("pipeline"),
                () -> {
                    throw new IllegalStateException("Connect is already stopping");
                },
                null,
                () -> stopped.add("stack"));

        assertThat(stopped).containsExactly("pipeline", "stack");
    }

    @Test
    void shouldStopUninterruptedAfterACtrlCAndKeepTheInterruptForTheCaller() {
        List<Boolean> interruptedWhileStopping = new ArrayList<>();
        Thread.currentThread().interrupt();

        Shutdown.inOrder(() -> interruptedWhileStopping.add(Thread.currentThread().isInterrupted()));

        assertThat(interruptedWhileStopping).containsExactly(false);
        assertThat(Thread.interrupted()).as("interrupt restored").isTrue();
    }
}
