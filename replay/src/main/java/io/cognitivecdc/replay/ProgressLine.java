package io.cognitivecdc.replay;

import io.cognitivecdc.llm.Durations;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Shows how far the outcomes have come while replay waits: on a terminal a bar redrawn in place, otherwise (a log
 * file, a CI job) a plain line now and then, so that the output stays readable where carriage returns are not.
 */
final class ProgressLine {

    private static final int BAR_WIDTH = 30;
    /** ANSI "erase to end of line": a redrawn line may be shorter than the one before ("59s" becomes "1m"). */
    private static final String CLEAR_TO_END_OF_LINE = "\u001B[K";
    private static final Duration REDRAW = Duration.ofMillis(200);
    private static final Duration PLAIN_INTERVAL = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final boolean terminal;
    private final Duration timeout;
    private final LongSupplier nanoTime;
    private final long started;
    private long lastShown;
    private OutcomeWaiter.Tally shown;

    /**
     * @param out      where to write (stderr: stdout is for the report)
     * @param terminal whether {@code out} is a terminal, see {@link #stderrIsTerminal()}
     * @param timeout  how long replay waits, shown beside the time elapsed
     */
    public ProgressLine(PrintWriter out, boolean terminal, Duration timeout) {
        this(out, terminal, timeout, System::nanoTime);
    }

    ProgressLine(PrintWriter out, boolean terminal, Duration timeout, LongSupplier nanoTime) {
        this.out = out;
        this.terminal = terminal;
        this.timeout = timeout;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.lastShown = started;
    }

    /**
     * Whether this process's stderr is a terminal. {@code System.console()} cannot tell (it looks at stdin and
     * stdout, and from Java 22 on answers even when they are redirected), so this asks Linux's {@code /proc};
     * elsewhere it answers no, and the progress comes as plain lines.
     */
    public static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Shows {@code tally} if it is time to. */
    public void update(OutcomeWaiter.Tally tally) {
        long now = nanoTime.getAsLong();
        if (terminal) {
            // At most five redraws a second, but always the first and the last state.
            if (shown == null || now - lastShown >= REDRAW.toNanos() || tally.pending() == 0 && !tally.equals(shown)) {
                out.print("\r" + bar(tally) + "  " + counts(tally) + "  " + elapsed(now) + CLEAR_TO_END_OF_LINE);
                out.flush();
                shown = tally;
                lastShown = now;
            }
        } else if (now - lastShown >= PLAIN_INTERVAL.toNanos()) {
            out.println("waiting for outcomes: " + (tally.total() - tally.pending()) + " of " + tally.total() + " ("
                    + counts(tally) + "), " + elapsed(now));
            out.flush();
            lastShown = now;
        }
    }

    /** Ends the bar's line, so that what follows starts on a line of its own. */
    public void finish() {
        if (terminal && shown != null) {
            out.println();
            out.flush();
        }
    }

    private static String bar(OutcomeWaiter.Tally tally) {
        int done = tally.total() == 0 ? BAR_WIDTH
                : (int) ((long) (tally.total() - tally.pending()) * BAR_WIDTH / tally.total());
        return "[" + "#".repeat(done) + "-".repeat(BAR_WIDTH - done) + "] " + (tally.total() - tally.pending())
                + "/" + tally.total();
    }

    private static String counts(OutcomeWaiter.Tally tally) {
        return "replayed " + tally.replayed() + ", stale " + tally.stale() + ", failed again " + tally.failedAgain();
    }

    private String elapsed(long now) {
        return Durations.format(Duration.ofNanos(now - started).withNanos(0)) + " of " + Durations.format(timeout);
    }
}
