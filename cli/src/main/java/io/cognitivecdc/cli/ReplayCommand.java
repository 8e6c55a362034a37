package io.cognitivecdc.cli;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.replay.KeyMatcher;
import io.cognitivecdc.replay.Replay;
import io.cognitivecdc.replay.ReplayException;
import io.cognitivecdc.replay.ReplayOptions;
import io.cognitivecdc.replay.ReplayTarget;
import io.cognitivecdc.replay.TimeBound;
import io.cognitivecdc.topology.TopologyConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cognitive-cdc replay --config FILE}: republishes dead letters to the replay topic of a running topology and
 * reports what became of each. The replay itself is {@link Replay}, in the replay module; this class turns the
 * options and the settings file into its {@link ReplayOptions} and {@link ReplayTarget}, and its outcome into an exit
 * code.
 */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Replays dead letters: the rows the topology could not enrich. It reads",
                "the dead-letter topic up to its current end, keeps the dead letters",
                "that match the filters (only the newest of each row), republishes",
                "them unchanged to the replay topic, which the running topology reads,",
                "and waits for the topology's outcome of each:",
                "  replayed      enriched and written to the enriched topic",
                "  stale         not replayed: the row was deleted, changed, or",
                "                enriched since it failed (nothing to do)",
                "  failed again  failed once more; a new dead letter is on the topic",
                "  pending       no outcome yet when --timeout ran out: the topology",
                "                still holds the row (e.g. waiting out a model outage)",
                "Try --dry-run first: it lists what would be replayed, publishes nothing.",
                "",
                "FILE is the settings file of the running instance, the one given to",
                "'cognitive-cdc run' (its pipeline.file is not read): bootstrap.servers,",
                "application.id, schema.registry.url, the security settings, and the",
                "dead-letter topic names if it sets them",
                "(errors.dead.letter.queue.topic.name, enrichment.replay.topic,",
                "enrichment.replay.results.topic); by default they are",
                "<application.id>.dead-letter, .replay and .replay-results.",
                "Values may refer to environment variables as $${env:NAME}.",
                "",
                "TIME is an ISO-8601 instant (2026-11-21T08:00:00Z) or how long ago",
                "(90s, 30m, 2h, 1d, 1h30m). The last line of the output is",
                "  RESULT selected=N replayed=N stale=N failed_again=N pending=N ...",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every selected dead letter was replayed or is stale, or none was selected, or --dry-run",
                "1:a dead letter failed again, is still pending at --timeout, or could not be published",
                "2:wrong options or settings, Kafka or the schema registry cannot be reached, or a topic is missing"})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The running instance's settings (Java properties file), see above.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Overrides one setting of FILE; repeatable.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--step", paramLabel = "STEP", split = ",",
            description = "Only dead letters of this step (its name in the pipeline definition); repeatable or "
                    + "comma-separated.")
    List<String> steps = new ArrayList<>();

    @Option(names = "--error-type", paramLabel = "TYPE", split = ",",
            description = "Only dead letters with this error type, e.g. INVALID_OUTPUT, CONTENT_FILTERED, "
                    + "INPUT_TOO_LARGE, UNDECODABLE_RECORD; repeatable or comma-separated.")
    List<String> errorTypes = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME", converter = TimeBoundConverter.class,
            description = "Only dead letters that failed at or after TIME.")
    TimeBound since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeBoundConverter.class,
            description = "Only dead letters that failed before TIME.")
    TimeBound until;

    @Option(names = "--key", paramLabel = "KEY", converter = KeyConverter.class,
            description = "Only the row with this key: its primary-key columns as JSON, e.g. {\"id\":42}, or, for "
                    + "a single-column key, just the value, e.g. 42.")
    KeyMatcher key;

    @Option(names = "--limit", paramLabel = "N",
            description = "Replay at most N dead letters, the oldest first (to try a few before the rest).")
    Integer limit;

    @Option(names = "--dry-run",
            description = "List the dead letters that would be replayed (and those skipped), publish nothing.")
    boolean dryRun;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the outcomes, as 90s, 10m, 1h or PT1H (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--kafka-timeout", defaultValue = "30s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How long Kafka gets to answer each request (default: ${DEFAULT-VALUE}).")
    Duration kafkaTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReplayOptions replayOptions = options();
        ReplayTarget target = target(RunConfiguration.load(config, overrides, System::getenv, false));
        try {
            return new Replay(target, replayOptions)
                    .run(spec.commandLine().getOut(), spec.commandLine().getErr())
                    .exitCode();
        } catch (ReplayException e) {
            spec.commandLine().getErr().println(spec.commandLine().getColorScheme().errorText("error: "
                    + e.getMessage()));
            return 2;
        }
    }

    /** The options, checked before the settings are read: a wrong option is the first thing to fix. */
    private ReplayOptions options() {
        try {
            return ReplayOptions.builder()
                    .steps(steps)
                    .errorTypes(errorTypes)
                    .since(since)
                    .until(until)
                    .key(key)
                    .limit(limit)
                    .dryRun(dryRun)
                    .timeout(timeout)
                    .kafkaTimeout(kafkaTimeout)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private ReplayTarget target(RunConfiguration configuration) {
        StreamsConfig streamsConfig = configuration.streamsConfig();
        DeadLetterConfig topics;
        try {
            topics = new DeadLetterConfig(configuration.streamsProperties());
        } catch (ConfigException e) {
            throw configuration.invalid(e);
        }
        return new ReplayTarget(streamsConfig, configuration.get(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG), topics,
                config.toString());
    }

    static final class TimeBoundConverter extends ParsingConverter<TimeBound> {
        TimeBoundConverter() {
            super(TimeBound::parse);
        }
    }

    static final class KeyConverter extends ParsingConverter<KeyMatcher> {
        KeyConverter() {
            super(KeyMatcher::parse);
        }
    }
}
