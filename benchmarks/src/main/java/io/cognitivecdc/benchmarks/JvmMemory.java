package io.cognitivecdc.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory of the benchmark's own JVM, as the benchmarks report it. */
public final class JvmMemory {

    private JvmMemory() {
    }

    /** Heap in use after full collections, in MiB: what stays live, not what has merely not been collected yet. */
    public static double heapAfterGcMb() {
        // One collection can leave objects that only a finalization or reference-processing pass frees.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /** Resident memory ({@code VmRSS}) in MiB, or NaN where there is no /proc. */
    public static double residentMb() {
        return procStatusMb("VmRSS");
    }

    /** A field of /proc/self/status ({@code VmRSS}, {@code VmHWM}, …) in MiB, or NaN where there is none. */
    public static double procStatusMb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
