package io.cognitivecdc.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Picks free loopback ports for the embedded services.
 *
 * <p>Ports are drawn below the kernel's ephemeral range: a port handed out by {@code bind(0)} can be taken a moment
 * later by an outgoing connection, and other processes on the machine hold the common service ports.
 */
public final class FreePorts {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FreePorts.class);

    private static final int FALLBACK_EPHEMERAL_START = 32768;
    private static final int LOWEST = 20000;

    private FreePorts() {
    }

    /** A port on 127.0.0.1 that nothing listens on right now. */
    public static int pick() {
        int highest = ephemeralRangeStart() - 1;
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found on 127.0.0.1 between " + LOWEST + " and " + highest);
    }

    /**
     * Runs {@code start} up to three times: a port picked free can still be taken before the component binds it, and
     * each attempt picks its ports anew. The last failure is reported with the component's name.
     */
    public static <T> T startWithFreshPorts(String component, Supplier<T> start) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return start.get();
            } catch (RuntimeException e) {
                last = e;
                log.warn("{} start attempt {} failed: {}", component, attempt, e.getMessage());
            }
        }
        throw last instanceof StackComponentException sce ? sce
                : new StackComponentException(component, "could not start", last);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1000 ? start : FALLBACK_EPHEMERAL_START;
        } catch (IOException | RuntimeException e) {
            return FALLBACK_EPHEMERAL_START;
        }
    }
}
