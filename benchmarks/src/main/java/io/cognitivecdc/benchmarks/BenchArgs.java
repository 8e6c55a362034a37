package io.cognitivecdc.benchmarks;

/** Reading a benchmark's own command-line arguments, which each benchmark parses itself. */
public final class BenchArgs {

    private BenchArgs() {
    }

    /** The value after {@code option}, at {@code args[i]}; fails naming the option when there is none. */
    public static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
