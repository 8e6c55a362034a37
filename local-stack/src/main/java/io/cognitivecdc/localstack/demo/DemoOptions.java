package io.cognitivecdc.localstack.demo;

import io.cognitivecdc.llmsimulator.FaultSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the demo runs on and how long it stays.
 *
 * @param sampleRows   how many sample encounters to generate when no CSV is given
 * @param sourceCsv    a CSV to load instead of the sample, or null
 * @param textColumn   the column to enrich in the CSV, or null for the one with the longest values
 * @param partitions   partitions of the CDC topic
 * @param liveUpdates  rows to update while the pipeline runs, after the initial load
 * @param liveDeletes  rows to delete while the pipeline runs, after the initial load
 * @param exitWhenDone exit after the initial rows and the live changes are in the sink table, instead of running on
 * @param timeout      how long to wait for each phase before failing
 * @param llm          the model the steps use
 * @param pipelineFile a pipeline definition to run instead of the demo's, or null
 * @param faults       faults the LLM simulator injects from the start of the pipeline ({@link FaultSettings#none()}
 *                     for none); only with the simulated model
 * @param faultsFor    how long the faults stay on, or null for until the initial load is enriched or failed
 */
public record DemoOptions(int sampleRows, Path sourceCsv, String textColumn, int partitions,
                          int liveUpdates, int liveDeletes, boolean exitWhenDone, Duration timeout,
                          LlmChoice llm, Path pipelineFile, FaultSettings faults, Duration faultsFor) {

    public DemoOptions {
        if (sampleRows < 1) {
            throw new IllegalArgumentException("--rows must be at least 1, was " + sampleRows);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
        }
        java.util.Objects.requireNonNull(llm, "llm");
        if (liveUpdates < 0 || liveDeletes < 0) {
            throw new IllegalArgumentException("--updates and --deletes must not be negative");
        }
        Objects.requireNonNull(faults, "faults");
        if (!faults.rates().isEmpty() && llm != LlmChoice.SIMULATED) {
            throw new IllegalArgumentException("--faults only applies with --llm simulated: the LLM simulator injects "
                    + "them");
        }
        if (faultsFor != null && faults.rates().isEmpty()) {
            throw new IllegalArgumentException("--faults-for only applies with --faults");
        }
        if (faultsFor != null && (faultsFor.isZero() || faultsFor.isNegative())) {
            throw new IllegalArgumentException("--faults-for must be positive, was " + faultsFor.toSeconds() + " s");
        }
    }

    /** Whether the simulator injects faults during the demo. */
    public boolean injectsFaults() {
        return !faults.rates().isEmpty();
    }
}
