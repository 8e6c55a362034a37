package io.cognitivecdc.cli;

import io.cognitivecdc.pipeline.InvalidPipelineDefinitionException;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.PipelineDefinitionReader;
import io.cognitivecdc.topology.EnrichmentApplication;
import io.cognitivecdc.topology.EnrichmentSerdes;
import io.cognitivecdc.topology.LoggingFailureHandler;
import io.cognitivecdc.topology.TopologyConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code cognitive-cdc run --config FILE}: the enrichment topology against a real cluster, until SIGTERM or Ctrl-C.
 * The production entry point; start more instances with the same {@code application.id} to scale out.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Runs the enrichment topology on a Kafka cluster until SIGTERM/Ctrl-C.",
                "Then it closes in order (leaves the consumer group, releases the",
                "models) and exits 0. The production entry point.",
                "",
                "FILE is a Java properties file with the Kafka Streams settings as Kafka",
                "documents them (bootstrap.servers, application.id, state.dir,",
                "num.stream.threads, security.protocol, sasl.*, ssl.*, consumer.* and",
                "producer.* overrides, ...), the processor's enrichment.* settings, and",
                "  pipeline.file        the pipeline definition (YAML), relative to",
                "                       FILE's folder unless absolute",
                "  schema.registry.url  Apicurio Registry's v3 API, e.g.",
                "                       http://registry:8080/apis/registry/v3",
                "Values may refer to environment variables as $${env:NAME}. The settings",
                "are logged at start-up with secrets masked.",
                "",
                "Before starting it checks the settings, the pipeline definition, the",
                "schema registry and that the pipeline's topics exist. It creates no",
                "topics: Debezium creates the CDC topic when its connector starts; the",
                "enriched topic must exist unless the broker auto-creates topics.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:stopped cleanly after SIGTERM or Ctrl-C; with --check-only: everything is ready",
                "1:the topology stopped by itself or did not start, Kafka or the schema registry did not answer, "
                        + "or Kafka Streams did not close within --close-timeout",
                "2:wrong settings, an invalid pipeline definition, or a topic the pipeline needs is missing"})
final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The settings (Java properties file), see above.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one setting of FILE; repeatable. A relative pipeline.file given here is "
                    + "relative to the current directory.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--kafka-timeout", defaultValue = "30s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long Kafka and the schema registry get to answer the start-up checks, e.g. 30s or "
                    + "PT30S (default: ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Option(names = "--close-timeout", defaultValue = "30s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long Kafka Streams gets to close on SIGTERM, e.g. 30s or PT30S (default: "
                    + "${DEFAULT-VALUE}). Keep it below the grace period of whatever sends SIGTERM.")
    Duration closeTimeout;

    @Option(names = "--check-only",
            description = "Run the start-up checks (settings, pipeline, schema registry, topics), then exit without "
                    + "starting the topology.")
    boolean checkOnly;

    @Spec
    CommandSpec spec;

    /** Where {@code ${env:NAME}} is looked up; tests replace it. */
    Function<String, String> environment = System::getenv;

    @Override
    public Integer call() {
        RunConfiguration configuration = loadConfiguration();
        TopologyConfig topologyConfig = configuration.topologyConfig();
        StreamsConfig streamsConfig = configuration.streamsConfig();
        String registryUrl = topologyConfig.schemaRegistryUrl().orElseThrow();

        Pipeline pipeline;
        try {
            pipeline = new PipelineDefinitionReader().read(topologyConfig.pipelineFile());
        } catch (InvalidPipelineDefinitionException e) {
            spec.commandLine().getErr().println(spec.commandLine().getColorScheme().errorText(e.getMessage()));
            return 2;
        }

        EnrichmentApplication application;
        try {
            KafkaPreflight.Report report = checkKafka(streamsConfig, pipeline);
            checkRegistry(registryUrl);
            if (checkOnly) {
                spec.commandLine().getOut().println(config + ": ready to run pipeline " + pipeline.name() + " as "
                        + streamsConfig.getString(StreamsConfig.APPLICATION_ID_CONFIG) + " (Kafka cluster "
                        + report.clusterId() + ", topics " + report.partitions().keySet() + ", schema registry "
                        + registryUrl + ")");
                pipeline.close();
                return 0;
            }
            application = newApplication(configuration, pipeline, registryUrl);
        } catch (RuntimeException e) {
            pipeline.close();
            throw e;
        }
        return runUntilStopped(application, pipeline, streamsConfig);
    }

    /** Loads the settings and logs them, warning about every key that nothing reads. */
    private RunConfiguration loadConfiguration() {
        RunConfiguration configuration = RunConfiguration.load(config, overrides, environment);
        LOG.info("Settings from {} (secrets masked):\n{}", config, configuration.describe());
        for (String key : configuration.unknownKeys()) {
            LOG.warn("{}: '{}' is not a Kafka Streams, Kafka client or cognitive-cdc setting; passed on, but probably "
                    + "ignored (a typo?)", config, key);
        }
        return configuration;
    }

    private KafkaPreflight.Report checkKafka(StreamsConfig streamsConfig, Pipeline pipeline) {
        String applicationId = streamsConfig.getString(StreamsConfig.APPLICATION_ID_CONFIG);
        KafkaPreflight.Report report = new KafkaPreflight(streamsConfig.getAdminConfigs(applicationId + "-check"),
                config.toString(), kafkaTimeout).check(pipeline);
        LOG.info("Kafka cluster {} ({} broker{}) at {}: {}", report.clusterId(), report.brokers(),
                report.brokers() == 1 ? "" : "s", streamsConfig.getList(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                report.partitions().entrySet().stream().map(e -> e.getKey() + " (" + e.getValue()
                        + (e.getValue() == 1 ? " partition)" : " partitions)"))
                        .collect(Collectors.joining(", ")));
        return report;
    }

    /** The topology's application; settings Kafka Streams itself rejects are reported as wrong settings (exit 2). */
    private static EnrichmentApplication newApplication(RunConfiguration configuration, Pipeline pipeline,
                                                        String registryUrl) {
        EnrichmentSerdes serdes = EnrichmentSerdes.apicurio(registryUrl);
        try {
            return new EnrichmentApplication(pipeline, serdes, configuration.streamsProperties(),
                    new LoggingFailureHandler());
        } catch (RuntimeException e) {
            serdes.close();
            throw e instanceof ConfigException ce ? configuration.invalid(ce) : e;
        }
    }

    /** Runs {@code application} until SIGTERM or Ctrl-C, or until it stops by itself; returns the exit code. */
    private int runUntilStopped(EnrichmentApplication application, Pipeline pipeline, StreamsConfig streamsConfig) {
        String running = "Running: application.id=" + streamsConfig.getString(StreamsConfig.APPLICATION_ID_CONFIG)
                + ", pipeline " + pipeline.name() + ", " + pipeline.sourceTopics() + " -> " + pipeline.enrichedTopic()
                + " (" + streamsConfig.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG) + " stream thread(s), "
                + streamsConfig.getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG) + "); stop with SIGTERM or Ctrl-C";
        TopologyRunner runner = new TopologyRunner(closeTimeout);
        StopSignals signals;
        try {
            signals = StopSignals.install(runner::requestStop,
                    () -> runner.awaitClosed(StopSignals.hookWait(closeTimeout)));
        } catch (RuntimeException e) { // the JVM is already shutting down
            application.close(closeTimeout);
            pipeline.close();
            throw e;
        }
        // The runner closes the application, then the pipeline, whatever happens; the shutdown hook waits for that.
        try (signals) {
            return runner.run(TopologyRunner.of(application), pipeline, running);
        }
    }

    /**
     * Asks the registry for its version ({@code GET <v3 url>/system/info}), so that a wrong or unreachable
     * registry fails here with its URL rather than at the first serialised row.
     */
    private void checkRegistry(String registryUrl) {
        URI info = URI.create(registryUrl.replaceAll("/+$", "") + "/system/info");
        int status;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(kafkaTimeout).build()) {
            status = http.send(HttpRequest.newBuilder(info).timeout(kafkaTimeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the schema registry at " + registryUrl
                    + " (schema.registry.url in " + config + "): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the schema registry", e);
        }
        if (status == 404) {
            throw new RunConfiguration.InvalidRunConfigurationException(config + ": schema.registry.url = "
                    + registryUrl + " answers 404 for " + info + "; it must be the base of Apicurio Registry's v3 API, "
                    + "e.g. http://registry:8080/apis/registry/v3");
        }
        if (status / 100 != 2) {
            throw new IllegalStateException("the schema registry at " + registryUrl + " answered HTTP " + status
                    + " to " + info + " (schema.registry.url in " + config + ")");
        }
        LOG.info("Schema registry at {} answers", registryUrl);
    }
}
