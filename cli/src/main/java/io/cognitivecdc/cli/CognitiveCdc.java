package io.cognitivecdc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cognitive-cdc} command: the local demo and, in time, the operators' commands. */
@Command(name = "cognitive-cdc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Always-on enrichment of database changes with language models.",
        subcommands = {DemoCommand.class, RunCommand.class, ReplayCommand.class, ValidateConfigCommand.class,
                CommandLine.HelpCommand.class},
        // The benchmarks are their own artifact, started by the launcher, so that this CLI does not carry them.
        footer = {"", "Benchmarks: ./cognitive-cdc bench local-models|async|quota [--quick]"})
public final class CognitiveCdc implements Runnable {

    /**
     * The registry client warns once per process, through java.util.logging straight to stderr, that it uses its
     * shared Vert.x instance; that is what a command-line process wants, so the warning is only noise in every
     * command's output. Held here because java.util.logging forgets the level of a logger no one references.
     */
    private static final java.util.logging.Logger REGISTRY_CLIENT_VERTX =
            java.util.logging.Logger.getLogger("io.apicurio.registry.client.common.DefaultVertxInstance");

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        REGISTRY_CLIENT_VERTX.setLevel(java.util.logging.Level.SEVERE);
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
