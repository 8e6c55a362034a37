package io.cognitivecdc.cli;

import picocli.CommandLine;

/**
 * Turns a failure into one clear line on stderr (what failed and why) instead of a stack trace; the trace is still
 * there with {@code COGNITIVE_CDC_LOG_LEVEL=DEBUG}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        commandLine.getErr().println(commandLine.getColorScheme().errorText("error: " + e.getMessage()));
        if ("DEBUG".equalsIgnoreCase(System.getenv("COGNITIVE_CDC_LOG_LEVEL"))) {
            e.printStackTrace(commandLine.getErr());
        }
        return e instanceof IllegalArgumentException ? 2 : 1;
    }
}
