package io.cognitivecdc.topology;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each failed row at WARN: key, step, error type and message (never the row's text or a prompt). */
public final class LoggingFailureHandler implements EnrichmentFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(LoggingFailureHandler.class);

    @Override
    public void onFailure(EnrichmentFailure failure) {
        log.warn("Row {} not enriched: step {} failed with {} after {} attempt(s): {}", failure.key(),
                failure.step(), failure.errorType(), failure.attempts(), failure.message());
    }
}
