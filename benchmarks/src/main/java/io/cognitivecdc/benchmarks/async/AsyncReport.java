package io.cognitivecdc.benchmarks.async;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The output of {@code bench async}: a progress line per cell as it finishes, then the table, a legend, and the
 * RESULT line last.
 */
final class AsyncReport {

    private static final String[] HEADER = {"measurement", "model", "steps", "C", "L", "rows", "done", "s", "rows/s",
            "limit/s", "ratio", "calls/row"};

    private final PrintStream out;
    private final List<String[]> rows = new ArrayList<>();
    private final Map<String, Double> result = new LinkedHashMap<>();

    AsyncReport(PrintStream out) {
        this.out = out;
    }

    void add(ThroughputCells.Enriched cell) {
        ThroughputCells.Spec spec = cell.spec();
        Drain drain = cell.drain();
        boolean limited = !Double.isNaN(spec.limit());
        String latency = spec.latency().isZero() ? "0" : spec.latency().toMillis() + "ms";
        rows.add(new String[]{spec.name(), cell.model(), String.valueOf(spec.steps()), String.valueOf(spec.inFlight()),
                latency, String.valueOf(spec.rows()), done(drain), format(drain.seconds()), format(drain.rate()),
                limited ? format(spec.limit()) : "-", limited ? format(cell.ratio()) : "-",
                format(cell.callsPerRow())});
        out.printf(Locale.ROOT, "  %s, %s, steps=%d C=%d L=%s: %d rows in %.1f s = %.0f rows/s%s%n", spec.name(),
                cell.model(), spec.steps(), spec.inFlight(), latency, drain.rows(), drain.seconds(), drain.rate(),
                cell.failedRows() == 0 ? "" : " (" + cell.failedRows() + " rows FAILED)");
    }

    void addPassThrough(long produced, Drain drain) {
        rows.add(new String[]{"P2 pass-through", "-", "-", "-", "-", String.valueOf(produced), done(drain),
                format(drain.seconds()), format(drain.rate()), "-", "-", "-"});
        out.printf(Locale.ROOT, "  P2 pass-through: %d rows in %.2f s = %.0f rows/s%n", drain.rows(), drain.seconds(),
                drain.rate());
    }

    void addStateCeiling(long produced, Drain drain) {
        rows.add(new String[]{"P2 ceiling: durable state", "-", "-", "-", "-", String.valueOf(produced), done(drain),
                format(drain.seconds()), format(drain.rate()), "-", "-", "-"});
        out.printf(Locale.ROOT, "  P2 ceiling, pass-through with the processor's state writes: %d rows in %.2f s = "
                + "%.0f rows/s%n", drain.rows(), drain.seconds(), drain.rate());
    }

    void add(HttpCeilingCell.Ceiling c) {
        String latency = c.latency().toMillis() + "ms";
        rows.add(new String[]{"P1 ceiling: model path, no Kafka", "simulator", "1", c.callers() + " callers", latency,
                "-", String.valueOf(c.calls()), format(c.seconds()), format(c.rate()), format(c.limit()),
                format(c.ratio()), "-"});
        out.printf(Locale.ROOT, "  P1 ceiling, %d callers on the provider and simulator, L=%s, no Kafka: %.0f calls/s "
                + "(limit %.0f)%n", c.callers(), latency, c.rate(), c.limit());
    }

    void add(PendingCell.Pending p) {
        rows.add(new String[]{"pending (model stalled)", "in-process", "1", String.valueOf(PendingCell.IN_FLIGHT),
                "stalled", String.valueOf(p.rows()), String.valueOf(p.rows()), format(p.intakeSeconds()),
                "heap " + format(p.heapMb()) + " MB", "base " + format(p.baselineHeapMb()) + " MB",
                "RSS " + format(p.rssMb()) + " MB", "-"});
        out.printf(Locale.ROOT, "  pending: %d rows taken in %.1f s, heap %.1f MB (%.1f MB before)%n", p.rows(),
                p.intakeSeconds(), p.heapMb(), p.baselineHeapMb());
    }

    void add(UpdateHeavyCell.Calls c) {
        rows.add(new String[]{"update-heavy (" + UpdateHeavyCell.KEYS + " keys)", "simulator", "2",
                String.valueOf(PendingCell.IN_FLIGHT), "20ms", String.valueOf(c.changes()), c.outputs() + " out", "-",
                "-", "-", "-", format(c.perChange()) + "/change"});
    }

    /** A value of the RESULT line, in the order given; null or NaN prints as {@code na}. */
    void result(String key, Double value) {
        result.put(key, value);
    }

    /** The table, its legend and the RESULT line. */
    void print(double totalSeconds) {
        printTable();
        out.printf(Locale.ROOT, "ratio = rows/s / limit/s, limit/s = C x %d tasks / (steps x L); done = rows read "
                + "(read_committed) from RUNNING, s = time to read them (* = stopped at the time cap or stalled); "
                + "calls/row = model calls / rows produced. Total %.0f s.%n", BenchBroker.PARTITIONS, totalSeconds);
        out.println(resultLine(result));
    }

    private void printTable() {
        List<String[]> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(rows);
        int[] widths = new int[HEADER.length];
        all.forEach(r -> Arrays.setAll(widths, i -> Math.max(widths[i], r[i].length())));
        out.println();
        for (int j = 0; j < all.size(); j++) {
            String[] r = all.get(j);
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < r.length; i++) {
                line.append(' ').append(String.format("%-" + widths[i] + "s", r[i])).append(" |");
            }
            out.println(line);
            if (j == 0) {
                out.println(Arrays.stream(r).map(x -> "---").collect(Collectors.joining("|", "|", "|")));
            }
        }
        out.println();
    }

    private static String done(Drain drain) {
        return drain.rows() + (drain.capped() ? "*" : "");
    }

    /** {@code RESULT key=value …} in insertion order. */
    static String resultLine(Map<String, Double> values) {
        StringBuilder line = new StringBuilder("RESULT");
        values.forEach((key, value) -> line.append(' ').append(key).append('=').append(format(value)));
        return line.toString();
    }

    /** Three decimals below 10, one below 100, none above; {@code na} for a missing value. */
    static String format(Double v) {
        if (v == null || v.isNaN()) {
            return "na";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
