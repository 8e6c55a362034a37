package io.cognitivecdc.cli;

import io.cognitivecdc.llmsimulator.Fault;
import io.cognitivecdc.llmsimulator.FaultSettings;
import io.cognitivecdc.localstack.demo.Demo;
import io.cognitivecdc.localstack.demo.DemoOptions;
import io.cognitivecdc.localstack.demo.LlmChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code cognitive-cdc demo}: the whole pipeline, embedded, on sample data or a CSV. */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the whole pipeline on this machine: embedded PostgreSQL (standing in for SQL Server), Kafka,",
                "schema registry and Kafka Connect with Debezium; loads a source table, streams it through the",
                "enrichment topology into the enriched table, makes a few live updates and deletes, and prints",
                "a RESULT line. Then it keeps running until Ctrl-C, unless --exit-when-done is given."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "300", description = "Sample encounters to generate (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--source-csv", paramLabel = "FILE",
            description = "Load the source table from this CSV (header row; first column is the primary key).")
    Path sourceCsv;

    @Option(names = "--text-column", paramLabel = "COLUMN",
            description = "Column of the CSV to enrich (default: the one with the longest values).")
    String textColumn;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the CDC topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--updates", defaultValue = "5", description = "Rows to update live after the initial load (default: ${DEFAULT-VALUE}).")
    int updates;

    @Option(names = "--deletes", defaultValue = "3", description = "Rows to delete live after the initial load (default: ${DEFAULT-VALUE}).")
    int deletes;

    @Option(names = "--exit-when-done", description = "Exit 0 once the rows and live changes are in the enriched table.")
    boolean exitWhenDone;

    @Option(names = "--llm", defaultValue = "local", paramLabel = "MODEL",
            converter = LlmChoiceConverter.class,
            description = "Model for the steps: local (DJL, offline; default), simulated (the LLM simulator) or azure "
                    + "(AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_DEPLOYMENT, AZURE_OPENAI_API_KEY).")
    LlmChoice llm;

    @Option(names = "--pipeline", paramLabel = "FILE",
            description = "Run this pipeline definition instead of the demo's (its source topic must be "
                    + "cdc.public.<table>).")
    Path pipelineFile;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest wait for each phase, e.g. 90s, 5m or PT5M (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--faults", paramLabel = "FAULT=RATE[,...]", converter = FaultRatesConverter.class,
            description = "With --llm simulated: faults the simulator injects, each with a rate from 0 to 1, e.g. "
                    + "content_filter=0.05,invalid_json=0.02. They stay on for the initial load (or --faults-for), "
                    + "then are cleared so that the rows they failed can be replayed.")
    FaultSettings faults = FaultSettings.none();

    @Option(names = "--faults-for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long --faults stay on from the start of the pipeline, e.g. 90s, 2m or PT90S "
                    + "(default: until the initial load is enriched or failed).")
    Duration faultsFor;

    @Override
    public Integer call() throws Exception {
        if (sourceCsv != null && !Files.isReadable(sourceCsv)) {
            throw new IllegalArgumentException("--source-csv " + sourceCsv + ": no such readable file");
        }
        if (textColumn != null && sourceCsv == null) {
            throw new IllegalArgumentException("--text-column only applies with --source-csv");
        }
        if (pipelineFile != null && !Files.isReadable(pipelineFile)) {
            throw new IllegalArgumentException("--pipeline " + pipelineFile + ": no such readable file");
        }
        return new Demo(new DemoOptions(rows, sourceCsv, textColumn, partitions, updates, deletes, exitWhenDone, timeout,
                llm, pipelineFile, faults, faultsFor), System.out).run();
    }

    /** Reads {@code fault=rate,...}; the simulator's own checks name an unknown fault (and the known) or a bad rate. */
    static final class FaultRatesConverter implements ITypeConverter<FaultSettings> {

        @Override
        public FaultSettings convert(String value) {
            FaultSettings.Builder faults = FaultSettings.builder();
            for (String entry : value.split(",")) {
                String[] faultAndRate = entry.split("=", 2);
                if (faultAndRate.length != 2) {
                    throw new TypeConversionException("'" + entry.trim()
                            + "' is not fault=rate, e.g. content_filter=0.05");
                }
                double rate;
                try {
                    rate = Double.parseDouble(faultAndRate[1].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("the rate of " + faultAndRate[0].trim()
                            + " must be a number from 0 to 1, was '" + faultAndRate[1].trim() + "'");
                }
                try {
                    faults.rate(Fault.parse(faultAndRate[0]), rate);
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException(e.getMessage());
                }
            }
            try {
                return faults.build();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
