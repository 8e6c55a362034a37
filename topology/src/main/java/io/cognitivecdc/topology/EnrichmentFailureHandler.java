package io.cognitivecdc.topology;

/** Receives the rows the topology could not enrich. */
@FunctionalInterface
public interface EnrichmentFailureHandler {

    void onFailure(EnrichmentFailure failure);
}
