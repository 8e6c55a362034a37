package io.cognitivecdc.cli;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.replay.DeadLetterReader;
import io.cognitivecdc.llm.Durations;
import io.cognitivecdc.replay.KeyMatcher;
import io.cognitivecdc.replay.OutcomeWaiter;
import io.cognitivecdc.replay.ProgressLine;
import io.cognitivecdc.replay.ReplayClients;
import io.cognitivecdc.replay.ReplayException;
import io.cognitivecdc.replay.ReplayFilter;
import io.cognitivecdc.replay.ReplayPlan;
import io.cognitivecdc.replay.ReplayPublisher;
import io.cognitivecdc.replay.ReplaySummary;
import io.cognitivecdc.replay.StoredDeadLetter;
import io.cognitivecdc.replay.TimeBound;
import io.cognitivecdc.topology.EnrichmentSerdes;
import io.cognitivecdc.topology.TopologyConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code cognitive-cdc replay --config FILE}: republishes dead letters to the replay topic of a running topology and
 * reports what became of each. The reading, filtering, publishing and waiting are in {@code io.cognitivecdc.replay};
 * this class turns options into them and them into output and an exit code.
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
        // Milliseconds, as dead letters record their time.
        ReplayFilter filter = filter(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        RunConfiguration configuration = RunConfiguration.load(config, overrides, System::getenv, false);
        String registryUrl = configuration.get(TopologyConfig.SCHEMA_REGISTRY_URL_CONFIG);
        StreamsConfig streamsConfig = configuration.streamsConfig();
        DeadLetterConfig topics;
        try {
            topics = new DeadLetterConfig(configuration.streamsProperties());
        } catch (ConfigException e) {
            throw configuration.invalid(e);
        }

        try (ReplayClients clients = new ReplayClients(streamsConfig, config.toString(), kafkaTimeout);
             EnrichmentSerdes serdes = EnrichmentSerdes.apicurio(registryUrl)) {
            try {
                return replay(filter, topics, clients, serdes, registryUrl);
            } catch (KafkaException e) {
                throw new ReplayException("Kafka at " + clients.bootstrapServers() + ": " + e.getMessage()
                        + "; check that the brokers are up and the settings in " + config, e);
            }
        } catch (ReplayException e) {
            spec.commandLine().getErr().println(spec.commandLine().getColorScheme().errorText("error: "
                    + e.getMessage()));
            return 2;
        }
    }

    private ReplayFilter filter(Instant now) {
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be 1 or more, not " + limit);
        }
        try {
            return new ReplayFilter(Set.copyOf(steps), Set.copyOf(errorTypes),
                    since == null ? null : since.resolve(now), until == null ? null : until.resolve(now), key);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private int replay(ReplayFilter filter, DeadLetterConfig topics, ReplayClients clients, EnrichmentSerdes serdes,
                       String registryUrl) {
        PrintWriter out = spec.commandLine().getOut();
        List<String> needed = dryRun ? List.of(topics.deadLetterTopic())
                : List.of(topics.deadLetterTopic(), topics.replayTopic(), topics.replayResultsTopic());
        Map<String, Integer> partitions = clients.partitions(needed);
        List<String> missing = needed.stream().filter(topic -> !partitions.containsKey(topic)).toList();
        if (!missing.isEmpty()) {
            throw new ReplayException(missingTopics(missing, topics, clients.bootstrapServers()));
        }

        out.println("Reading dead-letter topic " + topics.deadLetterTopic() + " up to its current end; filters: "
                + filter.describe());
        DeadLetterReader.Snapshot snapshot = new DeadLetterReader(clients.deadLetterConsumer(),
                serdes.deadLetter().deserializer(), registryUrl, kafkaTimeout)
                .read(topics.deadLetterTopic(), partitions.get(topics.deadLetterTopic()));
        ReplayPlan plan = ReplayPlan.of(snapshot.deadLetters(), filter, limit == null ? 0 : limit);
        printPlan(out, snapshot, plan);

        if (dryRun || plan.selected().isEmpty()) {
            if (dryRun) {
                out.println("Would replay " + plan.selected().size() + " to " + topics.replayTopic() + ":");
                plan.selected().forEach(letter -> out.println("  " + letter.describe()));
                out.println("Dry run: nothing published.");
            } else {
                out.println("Nothing to replay.");
            }
            return finish(out, ReplaySummary.unpublished(snapshot, plan, dryRun));
        }

        return publishAndWait(out, snapshot, plan, topics, clients, partitions);
    }

    private int publishAndWait(PrintWriter out, DeadLetterReader.Snapshot snapshot, ReplayPlan plan,
                               DeadLetterConfig topics, ReplayClients clients, Map<String, Integer> partitions) {
        String replayId = ReplayPublisher.newReplayId(Instant.now());
        OutcomeWaiter waiter = new OutcomeWaiter(clients.resultsConsumer(), topics.replayResultsTopic(),
                partitions.get(topics.replayResultsTopic()));
        waiter.startAtEnd();
        ReplayPublisher.Result publishing = new ReplayPublisher(clients.replayProducer(), topics.replayTopic())
                .publish(replayId, plan.selected());
        publishing.failed().forEach(failure -> out.println("  unpublished  " + failure.describe()));
        if (publishing.published().isEmpty()) {
            throw new ReplayException("could not publish to replay topic " + topics.replayTopic() + ": "
                    + publishing.failed().get(0).error().getMessage());
        }
        out.println("Published " + publishing.published().size() + " to " + topics.replayTopic() + " as replay "
                + replayId + "; waiting up to " + Durations.format(timeout) + " for the outcomes on "
                + topics.replayResultsTopic());
        out.flush();

        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), ProgressLine.stderrIsTerminal(),
                timeout);
        OutcomeWaiter.Outcomes outcomes = waiter.await(replayId, publishing.published(), timeout, progress::update);
        progress.finish();
        ReplaySummary summary = ReplaySummary.published(snapshot, plan, publishing, outcomes, replayId);
        out.println("Replay " + replayId + ": " + summary.outcomeLine());
        printOutcomes(out, outcomes);
        if (!outcomes.pending().isEmpty()) {
            out.println("Pending rows had no outcome within " + Durations.format(timeout) + ". The topology holds "
                    + "them (a model outage or rate limit delays them) and writes their outcomes to "
                    + topics.replayResultsTopic() + " under key " + replayId + " when they finish; if no instance "
                    + "is running, they wait on " + topics.replayTopic() + ".");
        }
        return finish(out, summary);
    }

    /** The rows that were not simply replayed, with the topology's reason. */
    private static void printOutcomes(PrintWriter out, OutcomeWaiter.Outcomes outcomes) {
        for (OutcomeWaiter.Answered answered : outcomes.answered()) {
            Outcome outcome = answered.outcome().outcome();
            if (outcome != Outcome.REPLAYED) {
                out.println("  " + (outcome == Outcome.STALE ? "stale         " : "failed again  ")
                        + answered.deadLetter().keyText() + "  " + answered.outcome().message());
            }
        }
        outcomes.pending().forEach(letter -> out.println("  pending       " + letter.keyText() + "  (dead-letter "
                + letter.position() + ")"));
    }

    private static void printPlan(PrintWriter out, DeadLetterReader.Snapshot snapshot, ReplayPlan plan) {
        out.println(snapshot.deadLetters().size() + " dead letter(s) read, " + snapshot.undecodable().size()
                + " undecodable; " + plan.matched() + " match the filters, of which " + plan.superseded().size()
                + " superseded by a newer dead letter of the same row; " + plan.selected().size() + " selected"
                + (plan.beyondLimit() > 0 ? " (" + plan.beyondLimit() + " more beyond --limit)" : ""));
        snapshot.undecodable().forEach(record -> out.println("  undecodable  " + record.describe()));
        plan.superseded().forEach(superseded -> out.println("  superseded   " + superseded.describe()));
    }

    private static int finish(PrintWriter out, ReplaySummary summary) {
        out.println(summary.resultLine());
        out.flush();
        return summary.exitCode();
    }

    private String missingTopics(List<String> missing, DeadLetterConfig topics, String bootstrapServers) {
        return (missing.size() == 1 ? "topic " + missing.get(0) + " does not exist"
                : "topics " + String.join(", ", missing) + " do not exist") + " on Kafka at " + bootstrapServers
                + ". The topology creates its dead-letter, replay and replay-results topics when it starts, named "
                + "after application.id (" + topics.applicationId() + ") unless its settings name them ("
                + DeadLetterConfig.DEAD_LETTER_TOPIC_CONFIG + ", " + DeadLetterConfig.REPLAY_TOPIC_CONFIG + ", "
                + DeadLetterConfig.REPLAY_RESULTS_TOPIC_CONFIG + "): point --config at the settings of the running "
                + "instance (now " + config + "), or start the instance once";
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
