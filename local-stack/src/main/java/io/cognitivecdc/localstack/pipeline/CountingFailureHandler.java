package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.topology.EnrichmentFailure;
import io.cognitivecdc.topology.EnrichmentFailureHandler;
import io.cognitivecdc.topology.LoggingFailureHandler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Logs failed rows and keeps them, so that the demo and tests can count and show them. */
public final class CountingFailureHandler implements EnrichmentFailureHandler {

    private final LoggingFailureHandler log = new LoggingFailureHandler();
    private final List<EnrichmentFailure> failures = new CopyOnWriteArrayList<>();

    @Override
    public void onFailure(EnrichmentFailure failure) {
        log.onFailure(failure);
        failures.add(failure);
    }

    public List<EnrichmentFailure> failures() {
        return List.copyOf(failures);
    }
}
