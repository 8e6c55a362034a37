package io.cognitivecdc.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's resident set size from {@code /proc}. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Resident memory of process {@code pid} in MiB, or -1 where it cannot be read (not Linux, process gone). */
    public static long residentMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Resident memory of this JVM in MiB, or -1. */
    public static long ownResidentMib() {
        return residentMib(ProcessHandle.current().pid());
    }
}
