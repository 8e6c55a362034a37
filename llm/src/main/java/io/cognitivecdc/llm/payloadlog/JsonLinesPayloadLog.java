package io.cognitivecdc.llm.payloadlog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends payload lines to a file. Each line goes out in one {@code write} on a stream opened in append mode, under a
 * lock, so lines from concurrent calls never interleave (and, through {@code O_APPEND}, neither do short lines from
 * other processes appending to the same file).
 */
final class JsonLinesPayloadLog implements PayloadLog {

    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesPayloadLog.class);

    private final Path file;
    private final PayloadLineFormatter formatter;
    private final OutputStream out;
    private final Object lock = new Object();
    private final AtomicLong failures = new AtomicLong();
    private boolean closed;

    JsonLinesPayloadLog(Path file, PayloadLineFormatter formatter) {
        this.file = file;
        this.formatter = formatter;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Opened once at start-up: a path that cannot be written is a configuration error, reported early.
            this.out = new FileOutputStream(file.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the LLM payload log " + file, e);
        }
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public void record(PayloadEntry entry) {
        byte[] line;
        try {
            line = (formatter.format(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            warn("cannot format a payload line", e);
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                out.write(line);
            } catch (IOException e) {
                warn("cannot append to " + file, e);
            }
        }
    }

    private void warn(String what, Exception e) {
        // The first failure and then every 1000th: a full disk must not flood the application log too.
        if (failures.getAndIncrement() % 1000 == 0) {
            LOG.warn("LLM payload log: {} ({} failures so far)", what, failures.get(), e);
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("LLM payload log: cannot close {}", file, e);
            }
        }
    }

    @Override
    public String toString() {
        return "PayloadLog[" + file + "]";
    }
}
