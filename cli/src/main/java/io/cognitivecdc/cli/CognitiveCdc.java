package io.cognitivecdc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cognitive-cdc} command: the local demo and, in time, the operators' commands. */
@Command(name = "cognitive-cdc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Always-on enrichment of database changes with language models.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, ValidateConfigCommand.class,
                BenchCommand.class, CommandLine.HelpCommand.class})
public final class CognitiveCdc implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and tests. */
    static CommandLine commandLine() {
        return new CommandLine(new CognitiveCdc())
                .setExecutionExceptionHandler(new ErrorReporter());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
