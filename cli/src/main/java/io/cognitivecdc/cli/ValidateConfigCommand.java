package io.cognitivecdc.cli;

import io.cognitivecdc.pipeline.InvalidPipelineDefinitionException;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineDefinitionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cognitive-cdc validate-config FILE}: checks a pipeline definition without starting anything. Exit 0 and a
 * description of the pipeline when it is valid; exit 2 and every problem with its path when not.
 */
@Command(name = "validate-config",
        mixinStandardHelpOptions = true,
        description = {
                "Checks a pipeline definition (YAML) without starting anything: structure, step and provider types,",
                "provider settings and environment variables, expressions, and that steps only read earlier steps.",
                "Prints every problem with its path in the file, e.g. steps[1].taxonomy[0].definition."})
final class ValidateConfigCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The pipeline definition to check.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Pipeline pipeline = new PipelineDefinitionReader().read(file)) {
            spec.commandLine().getOut().println(pipeline.describe());
            spec.commandLine().getOut().println(file + ": valid");
            return 0;
        } catch (InvalidPipelineDefinitionException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
    }
}
