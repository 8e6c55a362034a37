package io.cognitivecdc.benchmarks;

import io.cognitivecdc.llm.resilience.ResilientChatModel;
import io.cognitivecdc.localstack.TempDirectories;
import io.cognitivecdc.llmsimulator.LatencyModel;
import io.cognitivecdc.llmsimulator.LlmSimulator;
import io.cognitivecdc.llmsimulator.QuotaSettings;
import io.cognitivecdc.llmsimulator.SimulatorConfig;
import io.cognitivecdc.llmsimulator.SimulatorStats;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineDefinitionReader;
import io.cognitivecdc.topology.EnrichmentApplication;
import io.cognitivecdc.topology.EnrichmentProcessorConfig;
import io.cognitivecdc.topology.EnrichmentSerdes;
import io.cognitivecdc.topology.EnrichmentTopology;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code cognitive-cdc bench quota}: how much of a provider's quota the pipeline uses, and how often the provider has
 * to refuse a call for it. The LLM simulator enforces requests and tokens per sliding minute (429 beyond them, like an
 * Azure OpenAI deployment); the pipeline's provider is the real Azure OpenAI provider wrapped by the resilience layer,
 * configured with the same quota; the topology (the asynchronous enrichment processor, 256 rows in flight, two steps)
 * runs in {@link TopologyTestDriver} with its wall clock following real time, fed enough rows that calls always wait
 * for quota. Ends with one RESULT line.
 *
 * <p>After a warm-up, answered requests are counted over the measured minutes and compared with the quota-implied
 * rate {@code min(rpm, tpm / tokens per request)}, tokens per request being the prompt tokens the simulator counted
 * for those requests; the 429 share is over every request of the run.
 */
public final class QuotaBenchmark {

    /** The targets: at least this share of the quota-implied rate, at most this share of 429s. */
    static final double TARGET_QUOTA_RATIO = 0.95;
    static final double TARGET_RATE_429 = 0.01;

    private static final String IN = "quota.in";
    private static final String OUT = "quota.out";
    private static final Duration TICK = Duration.ofMillis(20);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    /** Rows in flight per task, the product's default. */
    private static final int IN_FLIGHT = 256;
    /** Rows fed ahead of the enriched ones: many more than the rows in flight, so calls always wait for quota. */
    private static final int BACKLOG = 1_000;

    /**
     * Command-line options.
     *
     * @param quick          a short run for tests: 10 s of warm-up, 20 s measured
     * @param minutes        measured time after the warm-up
     * @param warmupSeconds  time before measuring, while the quota windows fill
     * @param rpm            requests per minute, of the simulator and of the provider's settings
     * @param tpm            tokens per minute, likewise
     */
    public record Options(boolean quick, double minutes, double warmupSeconds, int rpm, long tpm) {

        static final int DEFAULT_RPM = 1_200;
        static final long DEFAULT_TPM = 250_000;

        public static Options parse(String... args) {
            boolean quick = false;
            Double minutes = null;
            Double warmup = null;
            int rpm = DEFAULT_RPM;
            long tpm = DEFAULT_TPM;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--quick" -> quick = true;
                    case "--minutes" -> minutes = Double.parseDouble(BenchArgs.value(args, ++i, a));
                    case "--warmup-seconds" -> warmup = Double.parseDouble(BenchArgs.value(args, ++i, a));
                    case "--rpm" -> rpm = Integer.parseInt(BenchArgs.value(args, ++i, a));
                    case "--tpm" -> tpm = Long.parseLong(BenchArgs.value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a
                            + "'; use --quick, --minutes M, --warmup-seconds S, --rpm N, --tpm N");
                }
            }
            if (minutes == null) {
                minutes = quick ? 1 / 3.0 : 3.0;
            }
            if (warmup == null) {
                warmup = quick ? 10.0 : 60.0;
            }
            if (minutes <= 0 || warmup < 0) {
                throw new IllegalArgumentException("--minutes must be positive and --warmup-seconds not negative");
            }
            if (rpm < 2 || tpm < 1) {
                throw new IllegalArgumentException("--rpm must be at least 2 and --tpm positive");
            }
            return new Options(quick, minutes, warmup, rpm, tpm);
        }
    }

    /** What the simulator saw over the measured minutes, and over the whole run. */
    record Measurement(long answered, long promptTokens, double minutes, long requests, long rateLimited,
                       long enrichedRows, long failedRows) {

        double tokensPerRequest() {
            return answered == 0 ? Double.NaN : promptTokens / (double) answered;
        }

        /** Requests per minute the quota allows for requests of this size. */
        double quotaRate(int rpm, long tpm) {
            return Math.min(rpm, tpm / tokensPerRequest());
        }

        double answeredPerMinute() {
            return answered / minutes;
        }

        double rate429() {
            return requests == 0 ? Double.NaN : rateLimited / (double) requests;
        }
    }

    private QuotaBenchmark() {
    }

    /** The pipeline: classify, then summarize, on the simulator, with the quota in the provider's settings. */
    static String pipelineYaml(LlmSimulator sim, Options options) {
        return """
                name: quota
                source: { topics: [%s] }
                enriched: { topic: %s }
                providers:
                  sim:
                    type: azure-openai
                    endpoint: "%s"
                    api-key: "%s"
                    deployment: quota
                    timeout: 30s
                    resilience:
                      requests_per_minute: %d
                      tokens_per_minute: %d
                steps:
                  - name: kind
                    type: classifier
                    provider: sim
                    inputs: { text: raw.clinical_notes }
                    taxonomy:
                      %s
                  - name: summary
                    type: summarizer
                    provider: sim
                    inputs: { text: raw.clinical_notes, focus: processed.kind.category }
                    max_length: 120
                columns:
                  category: processed.kind.category
                  summary: processed.summary.text
                """.formatted(IN, OUT, sim.endpoint(), sim.apiKey(), options.rpm(), options.tpm(), taxonomy());
    }

    /** The visit types of the generated notes, as classifier taxonomy entries. */
    private static String taxonomy() {
        return VisitNotes.DEFINITIONS.entrySet().stream()
                .map(type -> "- { name: " + type.getKey() + ", definition: \"" + type.getValue() + "\" }")
                .collect(Collectors.joining("\n      "));
    }

    /** Runs the benchmark, prints progress and the RESULT line; 0 when both targets are met, 1 otherwise. */
    public static int run(Options options, PrintStream out) {
        Measurement m = measure(options, out);
        double quotaRate = m.quotaRate(options.rpm(), options.tpm());
        double ratio = m.answeredPerMinute() / quotaRate;
        out.printf(Locale.ROOT, "measured %.1f min after %.0f s of warm-up: %d requests answered = %.0f/min; "
                        + "%.1f prompt tokens per request -> quota allows min(%d, %d / %.1f) = %.0f/min%n",
                m.minutes(), options.warmupSeconds(), m.answered(), m.answeredPerMinute(), m.tokensPerRequest(),
                options.rpm(), options.tpm(), m.tokensPerRequest(), quotaRate);
        out.printf(Locale.ROOT, "whole run: %d requests, %d answered 429; %d rows enriched, %d failed%n", m.requests(),
                m.rateLimited(), m.enrichedRows(), m.failedRows());
        out.println(resultLine(ratio, m, options));
        return ratio >= TARGET_QUOTA_RATIO && m.rate429() <= TARGET_RATE_429 ? 0 : 1;
    }

    static String resultLine(double ratio, Measurement m, Options options) {
        return String.format(Locale.ROOT, "RESULT quota_ratio=%.3f rate_429=%.4f answered_per_min=%.1f "
                        + "quota_per_min=%.1f tokens_per_request=%.1f rpm=%d tpm=%d requests=%d failed_rows=%d "
                        + "minutes=%.2f", ratio, m.rate429(), m.answeredPerMinute(),
                m.quotaRate(options.rpm(), options.tpm()), m.tokensPerRequest(), options.rpm(), options.tpm(),
                m.requests(), m.failedRows(), m.minutes());
    }

    private static Measurement measure(Options options, PrintStream out) {
        out.printf(Locale.ROOT, "cognitive-cdc bench quota%s: simulator quota %d requests and %d tokens per sliding "
                        + "minute; provider resilience configured with the same; 2 steps, %d rows in flight; "
                        + "warm-up %.0f s, then %.1f min measured%n", options.quick() ? " --quick" : "", options.rpm(),
                options.tpm(), IN_FLIGHT, options.warmupSeconds(), options.minutes());
        Serde<GenericRecord> serde = new FramedAvroSerde.Store().serde();
        AtomicLong failed = new AtomicLong();
        Path stateDir = TempDirectories.create("bench quota", "cognitive-cdc-bench-");
        // The provider's meters go to the global registry: a registry of our own there reads them while it runs.
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.addRegistry(meters);
        try (LlmSimulator sim = LlmSimulator.start(SimulatorConfig.builder()
                .latency(LatencyModel.logNormal(Duration.ofMillis(300), Duration.ofMillis(1500)))
                .quota(new QuotaSettings(options.rpm(), options.tpm()))
                .build());
             Pipeline pipeline = new PipelineDefinitionReader().read(pipelineYaml(sim, options), "quota.yaml");
             TopologyTestDriver driver = new TopologyTestDriver(EnrichmentTopology.build(pipeline,
                     new EnrichmentSerdes(serde, serde, serde, serde), failure -> failed.incrementAndGet(),
                     Map.of(EnrichmentProcessorConfig.MAX_IN_FLIGHT_CONFIG, IN_FLIGHT)), streamsConfig(stateDir))) {
            Drive drive = new Drive(driver, serde, sim, meters, out);
            drive.until(options);
            SimulatorStats last = sim.stats();
            return new Measurement(last.status(200) - drive.atWarmup.status(200),
                    last.promptTokens() - drive.atWarmup.promptTokens(), options.minutes(), last.requests(),
                    last.status(429), drive.enriched, failed.get());
        } finally {
            Metrics.removeRegistry(meters);
            TempDirectories.deleteRecursively(stateDir);
        }
    }

    /** Feeds the test driver ahead of the enriched rows and moves its wall clock with real time. */
    private static final class Drive {

        private final TopologyTestDriver driver;
        private final TestInputTopic<GenericRecord, GenericRecord> input;
        private final TestOutputTopic<GenericRecord, GenericRecord> output;
        private final LlmSimulator sim;
        private final SimpleMeterRegistry meters;
        private final PrintStream out;
        private int fed;
        private long enriched;
        private SimulatorStats atWarmup;

        Drive(TopologyTestDriver driver, Serde<GenericRecord> serde, LlmSimulator sim, SimpleMeterRegistry meters,
              PrintStream out) {
            this.driver = driver;
            this.input = driver.createInputTopic(IN, serde.serializer(), serde.serializer());
            this.output = driver.createOutputTopic(OUT, serde.deserializer(), serde.deserializer());
            this.sim = sim;
            this.meters = meters;
            this.out = out;
        }

        /** Runs the warm-up and the measured minutes; {@link #atWarmup} is the simulator's count when measuring began. */
        void until(Options options) {
            long start = System.nanoTime();
            long measureFrom = start + seconds(options.warmupSeconds());
            long end = measureFrom + seconds(options.minutes() * 60);
            long nextReport = start + REPORT_EVERY.toNanos();
            long lastTick = start;
            while (System.nanoTime() < end) {
                while (fed - enriched < BACKLOG) {
                    input.pipeInput(ChangeRows.key(fed), ChangeRows.uniqueInsert(fed));
                    fed++;
                }
                long now = System.nanoTime();
                driver.advanceWallClockTime(Duration.ofNanos(now - lastTick));
                lastTick = now;
                enriched += output.readRecordsToList().size();
                if (atWarmup == null && now >= measureFrom) {
                    atWarmup = sim.stats();
                }
                if (now >= nextReport) {
                    progress((now - start) / 1e9);
                    nextReport += REPORT_EVERY.toNanos();
                }
                sleep(TICK);
            }
        }

        private void progress(double elapsedSeconds) {
            SimulatorStats s = sim.stats();
            out.printf(Locale.ROOT, "  %4.0f s: %5d answered, %3d answered 429, %5d rows enriched, %3d at the "
                            + "simulator; %6.0f of %6.0f tokens in the window, %3.0f calls waiting for tokens, %4.0f "
                            + "request permits%n",
                    elapsedSeconds, s.status(200), s.status(429), enriched, s.inFlight(),
                    gauge(meters, ResilientChatModel.TOKENS_USED_METER),
                    gauge(meters, ResilientChatModel.TOKENS_LIMIT_METER),
                    gauge(meters, ResilientChatModel.TOKENS_WAITING_METER),
                    gauge(meters, "resilience4j.ratelimiter.available.permissions"));
        }
    }

    /** A gauge of the provider's, or NaN without that quota. */
    private static double gauge(SimpleMeterRegistry meters, String name) {
        Gauge gauge = meters.find(name).tag("name", "sim").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static Properties streamsConfig(Path stateDir) {
        Properties props = new Properties();
        props.putAll(EnrichmentApplication.streamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "bench-quota",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                StreamsConfig.STATE_DIR_CONFIG, stateDir.toString())));
        return props;
    }

    private static long seconds(double seconds) {
        return (long) (seconds * 1e9);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
