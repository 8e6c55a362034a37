package io.cognitivecdc.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a stop request for {@code run}, so that it closes in order and exits with its
 * own code (0 after a clean stop) rather than the JVM's 143/130. A second signal while closing exits at once.
 *
 * <p>A JVM shutdown hook covers every other way the JVM may stop (SIGHUP, {@code -Xrs}, a JVM without
 * {@code sun.misc.Signal}): it requests the stop too and holds the JVM until the close has finished, within a bound.
 * The exit code is then the JVM's.
 *
 * <p>{@code sun.misc.Signal} is reached through reflection, as Kafka's own {@code LoggingSignalHandler} does, so that
 * the build has no internal-API warnings and a JVM without it falls back to the hook alone.
 */
final class StopSignals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    private final Map<Object, Object> previousHandlers = new LinkedHashMap<>();
    private final Thread hook;
    private final AtomicBoolean signalled = new AtomicBoolean();
    private Method handle;

    private StopSignals(Consumer<String> stop, HookWait hookWait) {
        this.hook = new Thread(() -> {
            stop.accept("JVM shutdown");
            if (!hookWait.awaitClosed()) {
                LOG.warn("JVM shutdown: gave up waiting for the topology to close");
            }
        }, "cognitive-cdc-shutdown");
    }

    /** Blocks the shutdown hook until the topology and the pipeline are closed; false when it gave up. */
    @FunctionalInterface
    interface HookWait {
        boolean awaitClosed();
    }

    /**
     * Installs the signal handlers and the shutdown hook.
     *
     * @param stop     called once per signal with its name (SIGTERM, SIGINT) or "JVM shutdown"; must not block
     * @param hookWait how the shutdown hook waits for the close to finish
     */
    static StopSignals install(Consumer<String> stop, HookWait hookWait) {
        StopSignals signals = new StopSignals(stop, hookWait);
        Runtime.getRuntime().addShutdownHook(signals.hook);
        signals.installHandlers(stop);
        return signals;
    }

    private void installHandlers(Consumer<String> stop) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> newSignal = signalClass.getConstructor(String.class);
            Method getName = signalClass.getMethod("getName");
            Method getNumber = signalClass.getMethod("getNumber");
            handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[]{handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            onSignal("SIG" + getName.invoke(args[0]), (Integer) getNumber.invoke(args[0]), stop);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "cognitive-cdc stop handler";
                        default -> null;
                    });
            for (String name : SIGNALS) {
                Object signal = newSignal.newInstance(name);
                previousHandlers.put(signal, handle.invoke(null, signal, handler));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // IllegalArgumentException when the JVM runs with -Xrs or the signal is taken; the hook still stops us.
            LOG.debug("Signal handlers not installed ({}); relying on the shutdown hook", e.toString());
        }
    }

    private void onSignal(String name, int number, Consumer<String> stop) {
        if (signalled.compareAndSet(false, true)) {
            LOG.info("Received {}: stopping (send it again to exit at once)", name);
            stop.accept(name);
        } else {
            LOG.warn("Received {} again: exiting now without finishing the close; Kafka Streams resumes from its last "
                    + "commit at the next start", name);
            Runtime.getRuntime().halt(128 + number);
        }
    }

    /** Puts the previous signal handlers back and removes the shutdown hook (unless the JVM is already stopping). */
    @Override
    public void close() {
        previousHandlers.forEach((signal, previous) -> {
            try {
                handle.invoke(null, signal, previous);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("cannot restore the handler of {}: {}", signal, e.toString());
            }
        });
        previousHandlers.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running and returns once the close is done.
        }
    }

    /** How long the shutdown hook waits for the close: the close timeout plus time for the models. */
    static Duration hookWait(Duration closeTimeout) {
        return closeTimeout.plusSeconds(15);
    }
}
