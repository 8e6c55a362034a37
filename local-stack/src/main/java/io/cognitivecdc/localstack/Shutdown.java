package io.cognitivecdc.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops what was started, in order, so that one component that fails to stop does not leave the rest running. */
public final class Shutdown {

    private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

    private Shutdown() {
    }

    /**
     * Closes each of {@code components} in the order given, skipping nulls; a failure is logged and the next one is
     * closed all the same. Runs with the calling thread's interrupt cleared (and restored after), because a Ctrl-C
     * that interrupted the caller must not also cut short the HTTP calls and joins of the stopping.
     */
    public static void inOrder(AutoCloseable... components) {
        boolean interrupted = Thread.interrupted();
        try {
            for (AutoCloseable component : components) {
                if (component == null) {
                    continue;
                }
                try {
                    component.close();
                } catch (Exception e) {
                    log.warn("while stopping {}: {}", component.getClass().getSimpleName(), e.toString());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
