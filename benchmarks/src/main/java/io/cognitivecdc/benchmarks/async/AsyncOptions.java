package io.cognitivecdc.benchmarks.async;

import io.cognitivecdc.benchmarks.BenchArgs;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Options of {@code bench async}.
 *
 * @param quick       the CI-sized run: P1 at C = 256 and the C = 1 baseline only, shorter cells, 10,000 pending rows
 * @param cellSeconds how long a P1 throughput cell should take at its limit (it stops at 1.5 times that)
 * @param pendingRows how many rows to leave pending behind the stalled model, one cell each
 * @param only        the groups of cells to run ({@link #GROUPS}; all by default), e.g. to profile one of them
 */
public record AsyncOptions(boolean quick, double cellSeconds, List<Integer> pendingRows, Set<String> only) {

    /** The groups of cells, in the order they run. */
    static final List<String> GROUPS = List.of("p1", "sync", "p2", "pending", "update");
    static final String USAGE = "use --quick, --cell-seconds S, --pending-rows N[,N], --only GROUP[,GROUP] (groups: "
            + String.join(", ", GROUPS) + ")";

    /** Parses the arguments after {@code async}; throws IllegalArgumentException with the usage. */
    public static AsyncOptions parse(String... args) {
        boolean quick = false;
        Double seconds = null;
        List<Integer> pending = null;
        Set<String> only = Set.copyOf(GROUPS);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--cell-seconds" -> seconds = Double.parseDouble(BenchArgs.value(args, ++i, a));
                case "--pending-rows" -> pending = Stream.of(BenchArgs.value(args, ++i, a).split(","))
                        .map(String::trim).map(Integer::parseInt).toList();
                case "--only" -> only = groups(BenchArgs.value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown option '" + a + "'; " + USAGE);
            }
        }
        if (seconds == null) {
            seconds = quick ? 8.0 : 20.0;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException("--cell-seconds must be positive");
        }
        if (pending == null) {
            pending = quick ? List.of(10_000) : List.of(10_000, 1_000_000);
        }
        return new AsyncOptions(quick, seconds, pending, only);
    }

    private static Set<String> groups(String list) {
        Set<String> groups = Stream.of(list.split(",")).map(String::trim).collect(Collectors.toSet());
        if (!GROUPS.containsAll(groups)) {
            throw new IllegalArgumentException("unknown cell group in --only " + list + "; " + USAGE);
        }
        return groups;
    }

    /** Whether the cells of {@code group} run. */
    boolean runs(String group) {
        return only.contains(group);
    }

    /** The time cap of a P1 cell: it stops there even if rows are missing, and reports the rate it reached. */
    double capSeconds() {
        return cellSeconds * 1.5;
    }
}
