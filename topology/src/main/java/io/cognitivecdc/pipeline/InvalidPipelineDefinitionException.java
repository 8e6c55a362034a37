package io.cognitivecdc.pipeline;

import io.cognitivecdc.settings.Problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A pipeline definition is wrong. The message names the file, and every problem with its path in the file and what
 * is wrong, one per line.
 */
public class InvalidPipelineDefinitionException extends RuntimeException {

    private final String origin;
    private final List<Problem> problems;

    public InvalidPipelineDefinitionException(String origin, List<Problem> problems) {
        super(origin + ": " + (problems.size() == 1 ? "1 problem" : problems.size() + " problems") + "\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
        this.origin = origin;
        this.problems = List.copyOf(problems);
    }

    /** The file (or other origin) of the definition. */
    public String origin() {
        return origin;
    }

    public List<Problem> problems() {
        return problems;
    }
}
