package io.cognitivecdc.localstack;

import io.cognitivecdc.localstack.connect.EmbeddedConnectWorker;
import io.cognitivecdc.localstack.kafka.EmbeddedKafkaBroker;
import io.cognitivecdc.localstack.postgres.EmbeddedPostgresDatabase;
import io.cognitivecdc.localstack.registry.ApicurioRegistryProcess;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every service of the pipeline on this machine, without Docker: PostgreSQL (standing in for SQL Server), a KRaft
 * Kafka broker, Apicurio Registry and a Kafka Connect worker, all on 127.0.0.1 and free ports.
 *
 * <p>PostgreSQL, the broker and the registry start in parallel; Connect starts once the broker is up. {@link #close()}
 * stops them in reverse order of dependency: Connect, then the registry and broker, then PostgreSQL. Whoever runs
 * Kafka Streams against the stack closes it first, so that it leaves its group while the broker is still there.
 */
public final class LocalStack implements AutoCloseable {

    private final EmbeddedPostgresDatabase postgres;
    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistryProcess registry;
    private final EmbeddedConnectWorker connect;
    private final long startupMillis;

    private LocalStack(EmbeddedPostgresDatabase postgres, EmbeddedKafkaBroker broker,
                       ApicurioRegistryProcess registry, EmbeddedConnectWorker connect, long startupMillis) {
        this.postgres = postgres;
        this.broker = broker;
        this.registry = registry;
        this.connect = connect;
        this.startupMillis = startupMillis;
    }

    /** Starts the stack from this build's paths, announcing each component through {@code announce}. */
    public static LocalStack start(Consumer<String> announce) {
        return start(LocalStackPaths.fromBuild(), announce);
    }

    /**
     * Starts every component; if one fails, those already started are stopped and the failure names the component.
     */
    public static LocalStack start(LocalStackPaths paths, Consumer<String> announce) {
        long t0 = System.nanoTime();
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            CompletableFuture<EmbeddedPostgresDatabase> postgres =
                    timed("PostgreSQL", EmbeddedPostgresDatabase::start, started, announce,
                            db -> "on " + db.host() + ":" + db.port() + " (wal_level=logical)");
            CompletableFuture<ApicurioRegistryProcess> registry =
                    timed("Schema registry", () -> ApicurioRegistryProcess.start(paths.apicurioHome()), started,
                            announce, r -> "Apicurio Registry at " + r.ccompatUrl());
            CompletableFuture<EmbeddedKafkaBroker> broker =
                    timed("Kafka broker", EmbeddedKafkaBroker::start, started, announce,
                            b -> "KRaft, bootstrap " + b.bootstrapServers());
            EmbeddedKafkaBroker kafka = broker.join();
            EmbeddedConnectWorker connect = timed("Kafka Connect",
                    () -> EmbeddedConnectWorker.start(kafka.bootstrapServers(), paths.connectPluginPath()),
                    started, announce, c -> "worker REST " + c.restUrl()).join();
            LocalStack stack = new LocalStack(postgres.join(), kafka, registry.join(), connect,
                    (System.nanoTime() - t0) / 1_000_000);
            announce.accept(String.format("Local stack ready in %.1f s", stack.startupMillis / 1000.0));
            return stack;
        } catch (CompletionException | StackComponentException e) {
            closeAll(started);
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw cause instanceof StackComponentException sce ? sce
                    : new StackComponentException("Local stack", "start failed", cause);
        }
    }

    private static <T extends AutoCloseable> CompletableFuture<T> timed(String name, Supplier<T> starter,
                                                                       Deque<AutoCloseable> started,
                                                                       Consumer<String> announce,
                                                                       java.util.function.Function<T, String> describe) {
        return CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            T component = starter.get();
            synchronized (started) {
                started.push(component);
            }
            announce.accept(String.format("  %-16s ready in %4.1f s  %s", name,
                    (System.nanoTime() - t0) / 1e9, describe.apply(component)));
            return component;
        });
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        AutoCloseable[] newestFirst;
        synchronized (started) {
            newestFirst = started.toArray(AutoCloseable[]::new);
            started.clear();
        }
        Shutdown.inOrder(newestFirst);
    }

    public EmbeddedPostgresDatabase postgres() {
        return postgres;
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public ApicurioRegistryProcess registry() {
        return registry;
    }

    public EmbeddedConnectWorker connect() {
        return connect;
    }

    /** Wall-clock time from the call to {@code start} until every component was ready. */
    public long startupMillis() {
        return startupMillis;
    }

    @Override
    public void close() {
        Shutdown.inOrder(connect, registry, broker, postgres);
    }
}
