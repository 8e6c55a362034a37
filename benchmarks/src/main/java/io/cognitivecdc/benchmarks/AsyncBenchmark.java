package io.cognitivecdc.benchmarks;

import io.cognitivecdc.llmsimulator.LatencyModel;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.llmsimulator.SimulatorConfig;
import io.cognitivecdc.localstack.kafka.EmbeddedKafkaBroker;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineDefinitionReader;
import io.cognitivecdc.topology.EnrichmentApplication;
import io.cognitivecdc.topology.EnrichmentProcessorConfig;
import io.cognitivecdc.topology.EnrichmentSerdes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code cognitive-cdc bench async}: the asynchronous enrichment processor against the in-process Kafka broker and the
 * LLM simulator. Drain throughput vs the in-flight limit, the synchronous baseline, overhead vs a pass-through, heap
 * with a stalled model, and model calls per change on an update-heavy workload. Ends with one RESULT line.
 *
 * <p>Each throughput cell: fresh topics and application.id; N rows are produced first, then the topology starts and
 * the time from RUNNING until N enriched rows are readable (read_committed) is measured. A cell stops early at its
 * time cap; its throughput is then the rows read so far over the elapsed time (marked "capped").
 */
public final class AsyncBenchmark {

    static final int PARTITIONS = 2;
    private static final long STALL_NANOS = Duration.ofSeconds(6).toNanos();
    private static final AtomicInteger RUN = new AtomicInteger();

    /** Command-line options: {@code --quick}, {@code --cell-seconds S}, {@code --pending-rows N,N}. */
    public record Options(boolean quick, double cellSeconds, List<Integer> pendingRows) {

        public static Options parse(String... args) {
            boolean quick = false;
            Double seconds = null;
            List<Integer> pending = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--cell-seconds" -> seconds = Double.parseDouble(value(args, ++i, a));
                    case "--pending-rows" -> pending = Stream.of(value(args, ++i, a).split(","))
                            .map(String::trim).map(Integer::parseInt).toList();
                    default -> throw new IllegalArgumentException("unknown option '" + a
                            + "'; use --quick, --cell-seconds S, --pending-rows N[,N]");
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
            return new Options(quick, seconds, pending);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }

    /** The per-instance limit in rows/s: C in flight per task, times tasks, over steps × latency. */
    static double limit(int inFlight, int tasks, int steps, Duration latency) {
        return inFlight * (double) tasks / (steps * (latency.toNanos() / 1e9));
    }

    /** The final RESULT line; required keys first, then extras in insertion order. Missing values print as "na". */
    static String resultLine(Map<String, Double> values) {
        StringBuilder sb = new StringBuilder("RESULT");
        for (Map.Entry<String, Double> e : values.entrySet()) {
            sb.append(' ').append(e.getKey()).append('=').append(format(e.getValue()));
        }
        return sb.toString();
    }

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

    // ---------------------------------------------------------------------------------------------------------

    static final Schema KEY = SchemaBuilder.record("bench.public.notes.Key").fields().requiredInt("id").endRecord();
    static final Schema VALUE = SchemaBuilder.record("bench.public.notes.Value").fields()
            .requiredInt("id").optionalString("notes").optionalString("other").endRecord();
    static final Schema SOURCE = SchemaBuilder.record("Source").namespace("io.debezium.connector.postgresql").fields()
            .requiredString("version").requiredString("connector").requiredString("name").requiredLong("ts_ms")
            .name("snapshot").type().optional().stringType()
            .requiredString("db").requiredString("schema").requiredString("table").optionalLong("lsn")
            .endRecord();
    static final Schema ENVELOPE = SchemaBuilder.record("bench.public.notes.Envelope").fields()
            .name("before").type().unionOf().nullType().and().type(VALUE).endUnion().nullDefault()
            .name("after").type().unionOf().nullType().and().type(VALUE).endUnion().nullDefault()
            .name("source").type(SOURCE).noDefault()
            .requiredString("op").optionalLong("ts_ms")
            .endRecord();

    private static final String[] NOTES = {
            "Chest pain since this morning, ECG shows ST elevation, admitted to cardiology.",
            "Routine follow-up of hypertension; blood pressure controlled, continue current medication.",
            "Video consultation for a rash on both forearms; advised emollients, review in two weeks.",
            "Walk-in with a sprained ankle after football; X-ray normal, rest and ice.",
            "Day three on the ward after pneumonia, IV antibiotics switched to oral, discharge planned.",
            "Phone call about medication side effects: mild nausea, dose timing changed.",
            "Annual diabetes review, HbA1c improved, foot exam normal.",
            "Fall at home with head injury, CT scan ordered in the emergency department.",
    };

    private final EmbeddedKafkaBroker broker;
    private final FramedAvroSerde.Store store = new FramedAvroSerde.Store();
    private final Serde<GenericRecord> serde = store.serde();
    private final PrintStream out;

    private AsyncBenchmark(EmbeddedKafkaBroker broker, PrintStream out) {
        this.broker = broker;
        this.out = out;
    }

    static GenericRecord key(int id) {
        return new GenericRecordBuilder(KEY).set("id", id).build();
    }

    static GenericRecord event(String op, int id, String notes, String other, long lsn) {
        GenericRecord source = new GenericRecordBuilder(SOURCE)
                .set("version", "3.5.0.Final").set("connector", "postgresql").set("name", "bench")
                .set("ts_ms", System.currentTimeMillis()).set("snapshot", "false")
                .set("db", "bench").set("schema", "public").set("table", "notes").set("lsn", lsn).build();
        GenericRecord after = new GenericRecordBuilder(VALUE).set("id", id).set("notes", notes).set("other", other)
                .build();
        return new GenericRecordBuilder(ENVELOPE).set("before", null).set("after", after).set("source", source)
                .set("op", op).set("ts_ms", System.currentTimeMillis()).build();
    }

    static String pipelineYaml(String in, String outTopic, LlmSimulator sim, int steps) {
        StringBuilder y = new StringBuilder();
        y.append("name: bench\nsource:\n  topics: [\"").append(in).append("\"]\n")
                .append("enriched:\n  topic: \"").append(outTopic).append("\"\n")
                .append("providers:\n  sim:\n    type: azure-openai\n    endpoint: \"").append(sim.endpoint())
                .append("\"\n    api-key: \"").append(sim.apiKey()).append("\"\n    deployment: bench\n")
                .append("    timeout: 900s\n")
                .append("steps:\n  - name: kind\n    type: classifier\n    provider: sim\n    inputs:\n      text: raw.notes\n")
                .append("    taxonomy:\n")
                .append("      - name: emergency\n        definition: \"Acute, potentially serious problem in an emergency department.\"\n")
                .append("      - name: inpatient\n        definition: \"Patient admitted to hospital, staying overnight or longer.\"\n")
                .append("      - name: outpatient\n        definition: \"Scheduled clinic appointment or routine follow-up.\"\n")
                .append("      - name: telehealth\n        definition: \"Remote consultation by video or phone.\"\n");
        if (steps >= 2) {
            y.append("  - name: summary\n    type: summarizer\n    provider: sim\n    inputs:\n      text: raw.notes\n")
                    .append("    max_length: 120\n");
        }
        y.append("columns:\n  category: processed.kind.category\n");
        if (steps >= 2) {
            y.append("  summary: processed.summary.text\n");
        }
        return y.toString();
    }

    private Map<String, Object> baseStreamsConfig(String appId, Path stateDir) {
        Map<String, Object> c = new HashMap<>();
        c.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        c.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        c.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        return c;
    }

    private KafkaProducer<GenericRecord, GenericRecord> producer() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        c.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        c.put(ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(c, serde.serializer(), serde.serializer());
    }

    private void produceInserts(String topic, int n) {
        try (KafkaProducer<GenericRecord, GenericRecord> p = producer()) {
            for (int i = 0; i < n; i++) {
                // Unique texts, so the step cache never answers and every row costs steps model calls.
                p.send(new ProducerRecord<>(topic, key(i), event("c", i, NOTES[i % NOTES.length] + " Ref " + i + ".",
                        "x", i)));
            }
            p.flush();
        }
    }

    private KafkaConsumer<byte[], byte[]> outputConsumer(String topic) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            parts.add(new TopicPartition(topic, p));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        return consumer;
    }

    record Drain(long rows, double seconds, boolean capped) {
        double rate() {
            return rows / seconds;
        }
    }

    /** Waits for {@code n} records on {@code topic}, from {@code startNanos}, at most {@code capSeconds}. */
    private Drain drain(KafkaConsumer<byte[], byte[]> consumer, long n, long startNanos, double capSeconds) {
        long count = 0;
        long deadline = startNanos + (long) (capSeconds * 1e9);
        long lastAt = startNanos;
        while (count < n && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
            if (!records.isEmpty()) {
                count += records.count();
                lastAt = System.nanoTime();
            } else if (count > 0 && System.nanoTime() - lastAt > STALL_NANOS) {
                break; // stalled: no output for STALL_NANOS although rows are missing
            }
        }
        boolean capped = count < n;
        double seconds = ((capped ? System.nanoTime() : lastAt) - startNanos) / 1e9;
        return new Drain(count, seconds, capped);
    }

    record Cell(String name, int steps, int inFlight, Duration latency, long rows, Drain drain, double limit,
                long requests) {
    }

    private Cell enrichCell(String name, int steps, int inFlight, Duration latency, long rows, double capSeconds) {
        int run = RUN.incrementAndGet();
        String in = "bench.in." + run, outTopic = "bench.out." + run;
        broker.createTopics(PARTITIONS, in, outTopic);
        produceInserts(in, (int) rows);
        LatencyModel model = latency.isZero() ? LatencyModel.none() : LatencyModel.fixed(latency);
        Path stateDir = tempDir();
        try (LlmSimulator sim = LlmSimulator.start(SimulatorConfig.builder().latency(model).build());
             Pipeline pipeline = new PipelineDefinitionReader().read(pipelineYaml(in, outTopic, sim, steps), "bench.yaml");
             KafkaConsumer<byte[], byte[]> consumer = outputConsumer(outTopic)) {
            Map<String, Object> config = baseStreamsConfig("bench-" + run + "-" + UUID.randomUUID(), stateDir);
            config.put(EnrichmentProcessorConfig.MAX_IN_FLIGHT_CONFIG, inFlight);
            EnrichmentApplication app = new EnrichmentApplication(pipeline,
                    new EnrichmentSerdes(serde, serde, serde, serde),
                    config, failure -> { });
            try {
                app.start();
                if (!app.awaitRunning(Duration.ofMinutes(2))) {
                    throw new IllegalStateException("topology did not reach RUNNING");
                }
                long start = System.nanoTime();
                Drain d = drain(consumer, rows, start, capSeconds);
                double lim = limit(inFlight, PARTITIONS, steps, latency);
                return new Cell(name, steps, inFlight, latency, rows, d, lim, sim.stats().requests());
            } finally {
                app.close(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteRecursively(stateDir);
        }
    }

    private Drain passThrough(long rows, double capSeconds) {
        int run = RUN.incrementAndGet();
        String in = "bench.in." + run, outTopic = "bench.out." + run;
        broker.createTopics(PARTITIONS, in, outTopic);
        produceInserts(in, (int) rows);
        Path stateDir = tempDir();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(serde, serde)).mapValues(v -> v).to(outTopic, Produced.with(serde, serde));
        Map<String, Object> config = EnrichmentApplication.streamsConfig(
                baseStreamsConfig("bench-pt-" + run + "-" + UUID.randomUUID(), stateDir));
        KafkaStreams streams = new KafkaStreams(builder.build(), new StreamsConfig(config));
        try (KafkaConsumer<byte[], byte[]> consumer = outputConsumer(outTopic)) {
            streams.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (streams.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return drain(consumer, rows, System.nanoTime(), capSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            streams.close(Duration.ofSeconds(30));
            deleteRecursively(stateDir);
        }
    }

    record Pending(int rows, double intakeSeconds, double heapMb, double baselineHeapMb, double rssMb) {
    }

    /** Rows pending behind a stalled model (10 min latency): heap and RSS once the topology has taken them all. */
    private Pending pending(int rows) {
        int run = RUN.incrementAndGet();
        String in = "bench.in." + run, outTopic = "bench.out." + run;
        broker.createTopics(PARTITIONS, in, outTopic);
        produceInserts(in, rows);
        Path stateDir = tempDir();
        String appId = "bench-pending-" + run + "-" + UUID.randomUUID();
        try (LlmSimulator sim = LlmSimulator.start(SimulatorConfig.builder()
                .latency(LatencyModel.fixed(Duration.ofMinutes(10))).build());
             Pipeline pipeline = new PipelineDefinitionReader().read(pipelineYaml(in, outTopic, sim, 1), "bench.yaml");
             Admin admin = broker.admin()) {
            double baseline = usedHeapMb();
            Map<String, Object> config = baseStreamsConfig(appId, stateDir);
            config.put(EnrichmentProcessorConfig.MAX_IN_FLIGHT_CONFIG, 256);
            EnrichmentApplication app = new EnrichmentApplication(pipeline,
                    new EnrichmentSerdes(serde, serde, serde, serde),
                    config, failure -> { });
            try {
                app.start();
                app.awaitRunning(Duration.ofMinutes(2));
                long start = System.nanoTime();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < PARTITIONS; p++) {
                    latest.put(new TopicPartition(in, p), OffsetSpec.latest());
                }
                long end = admin.listOffsets(latest).all().get().values().stream().mapToLong(r -> r.offset()).sum();
                long deadline = start + Duration.ofMinutes(10).toNanos();
                while (System.nanoTime() < deadline) {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
                    long done = committed.entrySet().stream().filter(e -> e.getKey().topic().equals(in))
                            .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
                    if (done >= end) {
                        break;
                    }
                    Thread.sleep(200);
                }
                double intake = (System.nanoTime() - start) / 1e9;
                double heap = usedHeapMb();
                return new Pending(rows, intake, heap, baseline, rssMb());
            } finally {
                app.close(Duration.ofSeconds(30));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(e);
        } finally {
            deleteRecursively(stateDir);
        }
    }

    record Calls(int changes, long requests, long outputs) {
    }

    /** 2,000 changes over 200 keys; 70 % of updates touch only another column; texts repeat across keys. */
    private Calls callsPerChange() {
        int run = RUN.incrementAndGet();
        String in = "bench.in." + run, outTopic = "bench.out." + run;
        broker.createTopics(PARTITIONS, in, outTopic);
        int keys = 200, changes = 2000;
        Random random = new Random(42);
        String[] notes = new String[keys];
        try (KafkaProducer<GenericRecord, GenericRecord> p = producer()) {
            long lsn = 0;
            for (int k = 0; k < keys; k++) {
                notes[k] = NOTES[random.nextInt(NOTES.length)];
                p.send(new ProducerRecord<>(in, key(k), event("c", k, notes[k], "v0", lsn++)));
            }
            for (int i = keys; i < changes; i++) {
                int k = random.nextInt(keys);
                if (random.nextDouble() >= 0.7) {
                    notes[k] = NOTES[random.nextInt(NOTES.length)] + " Addendum " + random.nextInt(20) + ".";
                }
                p.send(new ProducerRecord<>(in, key(k), event("u", k, notes[k], "v" + i, lsn++)));
            }
            p.flush();
        }
        Path stateDir = tempDir();
        try (LlmSimulator sim = LlmSimulator.start(SimulatorConfig.builder()
                .latency(LatencyModel.fixed(Duration.ofMillis(20))).build());
             Pipeline pipeline = new PipelineDefinitionReader().read(pipelineYaml(in, outTopic, sim, 2), "bench.yaml");
             KafkaConsumer<byte[], byte[]> consumer = outputConsumer(outTopic)) {
            Map<String, Object> config = baseStreamsConfig("bench-calls-" + run + "-" + UUID.randomUUID(), stateDir);
            EnrichmentApplication app = new EnrichmentApplication(pipeline,
                    new EnrichmentSerdes(serde, serde, serde, serde),
                    config, failure -> { });
            try {
                app.start();
                app.awaitRunning(Duration.ofMinutes(2));
                // Quiet for 3 s (no new requests, no new output) = done.
                long outputs = 0, lastRequests = -1, quietSince = System.nanoTime();
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (System.nanoTime() < deadline) {
                    int got = consumer.poll(Duration.ofMillis(200)).count();
                    outputs += got;
                    long req = sim.stats().requests();
                    if (got > 0 || req != lastRequests) {
                        lastRequests = req;
                        quietSince = System.nanoTime();
                    } else if (outputs > 0 && System.nanoTime() - quietSince > 3e9) {
                        break;
                    }
                }
                return new Calls(changes, sim.stats().requests(), outputs);
            } finally {
                app.close(Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteRecursively(stateDir);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Runs the benchmark, prints the table and the RESULT line; 0 on success. */
    public static int run(Options options, PrintStream out) {
        long started = System.nanoTime();
        out.printf(Locale.ROOT, "cognitive-cdc bench async%s: %d partitions -> %d tasks, num.stream.threads=1, "
                        + "exactly_once_v2, commit 100 ms; limit = C x tasks / (steps x L)%n",
                options.quick() ? " --quick" : "", PARTITIONS, PARTITIONS);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            return new AsyncBenchmark(broker, out).runAll(options, started);
        }
    }

    private int runAll(Options o, long started) {
        List<String[]> table = new ArrayList<>();
        table.add(new String[]{"measurement", "steps", "C", "L", "rows", "done", "s", "rows/s", "limit/s", "ratio",
                "calls/row"});
        List<Integer> inFlights = o.quick() ? List.of(256) : List.of(64, 256, 1024);
        List<Duration> latencies = List.of(Duration.ofMillis(50), Duration.ofMillis(200));
        double cap = o.cellSeconds() * 1.5;
        Cell c256L200 = null;
        for (Duration l : latencies) {
            for (int c : inFlights) {
                double lim = limit(c, PARTITIONS, 1, l);
                long rows = Math.max(1000, Math.min(200_000, (long) (lim * o.cellSeconds())));
                Cell cell = enrichCell("throughput", 1, c, l, rows, cap);
                addCell(table, cell);
                if (c == 256 && l.toMillis() == 200) {
                    c256L200 = cell;
                }
            }
        }
        if (!o.quick()) {
            Duration l = Duration.ofMillis(200);
            double lim = limit(256, PARTITIONS, 2, l);
            addCell(table, enrichCell("throughput", 2, 256, l, (long) (lim * o.cellSeconds()), cap));
        }
        Cell sync = enrichCell("sync baseline", 1, 1, Duration.ofMillis(200), o.quick() ? 60 : 150, 30);
        addCell(table, sync);
        long ptRows = o.quick() ? 20_000 : 60_000;
        Cell zero = enrichCell("zero latency", 1, 256, Duration.ZERO, ptRows, 60);
        addCell(table, zero);
        Drain pt = passThrough(ptRows, 60);
        table.add(new String[]{"pass-through", "-", "-", "-", String.valueOf(ptRows), String.valueOf(pt.rows()),
                format(pt.seconds()), format(pt.rate()), "-", "-", "-"});

        Map<Integer, Pending> pendings = new LinkedHashMap<>();
        for (int rows : o.pendingRows()) {
            Pending p = pending(rows);
            pendings.put(rows, p);
            table.add(new String[]{"pending (model stalled)", "1", "256", "10m", String.valueOf(rows),
                    String.valueOf(rows), format(p.intakeSeconds()), "heap " + format(p.heapMb()) + " MB",
                    "base " + format(p.baselineHeapMb()) + " MB", "RSS " + format(p.rssMb()) + " MB", "-"});
        }
        Calls calls = callsPerChange();
        table.add(new String[]{"update-heavy (200 keys)", "2", "256", "20ms", String.valueOf(calls.changes()),
                String.valueOf(calls.outputs()) + " out", "-", "-", "-", "-",
                format(calls.requests() / (double) calls.changes()) + "/change"});

        printTable(table);
        out.printf(Locale.ROOT, "ratio = rows/s / limit/s, limit/s = C x %d tasks / (steps x L); done = rows read "
                + "(read_committed) from RUNNING, s = time to read them (* = stopped at the time cap); "
                + "calls/row = simulator requests / rows produced. Total %.0f s.%n", PARTITIONS,
                (System.nanoTime() - started) / 1e9);

        Map<String, Double> result = new LinkedHashMap<>();
        result.put("limit_ratio", c256L200 == null ? null : c256L200.drain().rate() / c256L200.limit());
        result.put("sync_speedup", c256L200 == null ? null : c256L200.drain().rate() / sync.drain().rate());
        result.put("passthrough_ratio", zero.drain().rate() / pt.rate());
        Pending p10k = pendings.get(10_000);
        result.put("pending_heap_mb", p10k == null ? null : p10k.heapMb());
        Pending p1m = pendings.get(1_000_000);
        if (p1m != null) {
            result.put("pending_1m_heap_mb", p1m.heapMb());
            result.put("pending_1m_rss_mb", p1m.rssMb());
        }
        result.put("calls_per_change", calls.requests() / (double) calls.changes());
        out.println(resultLine(result));
        return 0;
    }

    private void addCell(List<String[]> table, Cell c) {
        String l = c.latency().isZero() ? "0" : c.latency().toMillis() + "ms";
        boolean hasLimit = !Double.isInfinite(c.limit());
        table.add(new String[]{c.name(), String.valueOf(c.steps()), String.valueOf(c.inFlight()), l,
                String.valueOf(c.rows()), c.drain().rows() + (c.drain().capped() ? "*" : ""),
                format(c.drain().seconds()), format(c.drain().rate()), hasLimit ? format(c.limit()) : "-",
                hasLimit ? format(c.drain().rate() / c.limit()) : "-",
                format(c.requests() / (double) c.rows())});
        out.printf(Locale.ROOT, "  %s steps=%d C=%d L=%s: %d rows in %.1f s = %.0f rows/s%n", c.name(), c.steps(),
                c.inFlight(), l, c.drain().rows(), c.drain().seconds(), c.drain().rate());
    }

    private void printTable(List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        out.println();
        for (int j = 0; j < rows.size(); j++) {
            String[] r = rows.get(j);
            StringBuilder sb = new StringBuilder("|");
            for (int i = 0; i < r.length; i++) {
                sb.append(' ').append(String.format("%-" + w[i] + "s", r[i])).append(" |");
            }
            out.println(sb);
            if (j == 0) {
                out.println(Stream.of(r).map(x -> "---").collect(Collectors.joining("|", "|", "|")));
            }
        }
        out.println();
    }

    static double usedHeapMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("cognitive-cdc-bench-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    /** For {@code java -cp}: same options as the CLI. */
    public static void main(String[] args) {
        System.exit(run(Options.parse(args), System.out));
    }
}
