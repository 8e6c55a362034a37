package io.cognitivecdc.benchmarks.localmodels;

import io.cognitivecdc.benchmarks.BenchArgs;
import io.cognitivecdc.llm.local.LocalChatModelFactory;

/**
 * Options of {@code bench local-models}.
 *
 * @param rows      held-out notes to classify and summarise (default 1,000; {@code --quick} 200)
 * @param threads   most caller threads (runs 1 and this many; default 2)
 * @param examples  labelled examples location (default the shipped visit-type examples)
 * @param maxLength summary {@code max_length} (default 120)
 */
public record LocalModelOptions(int rows, int threads, String examples, int maxLength) {

    public static final int DEFAULT_ROWS = 1_000;
    public static final int QUICK_ROWS = 200;

    static final String USAGE = "usage: bench local-models [--quick] [--rows N] [--threads N] [--examples LOCATION] "
            + "[--max-length N]";

    public static LocalModelOptions defaults() {
        return new LocalModelOptions(DEFAULT_ROWS, 2, LocalChatModelFactory.BUNDLED_VISIT_TYPE_EXAMPLES, 120);
    }

    /** Parses command-line arguments; throws IllegalArgumentException with a usage message. */
    public static LocalModelOptions parse(String... args) {
        try {
            LocalModelOptions o = defaults();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                o = switch (arg) {
                    case "--quick" -> new LocalModelOptions(QUICK_ROWS, o.threads, o.examples, o.maxLength);
                    case "--rows" -> new LocalModelOptions(positive(arg, BenchArgs.value(args, ++i, arg)), o.threads,
                            o.examples, o.maxLength);
                    case "--threads" -> new LocalModelOptions(o.rows, positive(arg, BenchArgs.value(args, ++i, arg)),
                            o.examples, o.maxLength);
                    case "--examples" -> new LocalModelOptions(o.rows, o.threads, BenchArgs.value(args, ++i, arg),
                            o.maxLength);
                    case "--max-length" -> new LocalModelOptions(o.rows, o.threads, o.examples,
                            positive(arg, BenchArgs.value(args, ++i, arg)));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                };
            }
            return o;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + USAGE, e);
        }
    }

    /** The thread counts to run with: 1, and the most if that is more. */
    int[] threadCounts() {
        return threads == 1 ? new int[]{1} : new int[]{1, threads};
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a whole number > 0, not " + value);
    }
}
