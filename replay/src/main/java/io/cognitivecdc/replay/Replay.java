package io.cognitivecdc.replay;

import io.cognitivecdc.deadletter.DeadLetterConfig;
import io.cognitivecdc.topology.EnrichmentSerdes;
import org.apache.kafka.common.KafkaException;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One replay against a running instance, the entry point of this module: reads its dead-letter topic up to the
 * current end, plans what to replay, and (unless a dry run) republishes that to the replay topic and waits for the
 * topology's outcome of each, reporting every stage. The {@code replay} command is this with options parsed.
 */
public final class Replay {

    private final ReplayTarget target;
    private final ReplayOptions options;

    /**
     * @param target  the running instance
     * @param options what the operator asked for
     */
    public Replay(ReplayTarget target, ReplayOptions options) {
        this.target = target;
        this.options = options;
    }

    /**
     * Runs the replay. The report ends with the summary's {@code RESULT} line.
     *
     * @param out      where the report goes
     * @param progress where the progress of the wait goes: it redraws a bar in place if this process's stderr is
     *                 a terminal, so it should be stderr
     * @return the counts, whose {@link ReplaySummary#exitCode()} is the command's
     * @throws ReplayException if Kafka or the schema registry cannot be reached or refuse access, a topic is
     *                         missing, or nothing could be published; the message says what to check
     */
    public ReplaySummary run(PrintWriter out, PrintWriter progress) {
        ReplayReport report = new ReplayReport(out, target.topics());
        try (ReplayClients clients = new ReplayClients(target.streams(), target.source(), options.kafkaTimeout());
             EnrichmentSerdes serdes = EnrichmentSerdes.apicurio(target.registryUrl())) {
            try {
                return replay(report, clients, serdes, progress);
            } catch (KafkaException e) {
                throw new ReplayException("Kafka at " + clients.bootstrapServers() + ": " + e.getMessage()
                        + "; check that the brokers are up and the settings in " + target.source(), e);
            }
        }
    }

    private ReplaySummary replay(ReplayReport report, ReplayClients clients, EnrichmentSerdes serdes,
                                 PrintWriter progress) {
        DeadLetterConfig topics = target.topics();
        List<String> needed = options.dryRun() ? List.of(topics.deadLetterTopic())
                : List.of(topics.deadLetterTopic(), topics.replayTopic(), topics.replayResultsTopic());
        Map<String, Integer> partitions = clients.partitions(needed);
        List<String> missing = needed.stream().filter(topic -> !partitions.containsKey(topic)).toList();
        if (!missing.isEmpty()) {
            throw new ReplayException(missingTopics(missing, clients.bootstrapServers()));
        }

        report.reading(options.filter());
        DeadLetterReader.Snapshot snapshot = new DeadLetterReader(clients.deadLetterConsumer(),
                serdes.deadLetter().deserializer(), target.registryUrl(), options.kafkaTimeout())
                .read(topics.deadLetterTopic(), partitions.get(topics.deadLetterTopic()));
        ReplayPlan plan = ReplayPlan.of(snapshot.deadLetters(), options.filter(), options.limit());
        report.plan(snapshot, plan);

        ReplaySummary summary;
        if (options.dryRun()) {
            report.dryRun(plan);
            summary = ReplaySummary.unpublished(snapshot, plan, true);
        } else if (plan.selected().isEmpty()) {
            report.nothingToReplay();
            summary = ReplaySummary.unpublished(snapshot, plan, false);
        } else {
            summary = publishAndWait(report, snapshot, plan, clients, partitions, progress);
        }
        report.result(summary);
        return summary;
    }

    private ReplaySummary publishAndWait(ReplayReport report, DeadLetterReader.Snapshot snapshot, ReplayPlan plan,
                                         ReplayClients clients, Map<String, Integer> partitions,
                                         PrintWriter progressOut) {
        DeadLetterConfig topics = target.topics();
        String replayId = ReplayPublisher.newReplayId(Instant.now());
        OutcomeWaiter waiter = new OutcomeWaiter(clients.resultsConsumer(), topics.replayResultsTopic(),
                partitions.get(topics.replayResultsTopic()));
        waiter.startAtEnd();
        ReplayPublisher.Result publishing = new ReplayPublisher(clients.replayProducer(), topics.replayTopic())
                .publish(replayId, plan.selected());
        report.unpublished(publishing.failed());
        if (publishing.published().isEmpty()) {
            throw new ReplayException("could not publish to replay topic " + topics.replayTopic() + ": "
                    + publishing.failed().get(0).error().getMessage());
        }
        report.waiting(publishing.published().size(), replayId, options.timeout());

        ProgressLine progress = new ProgressLine(progressOut, ProgressLine.stderrIsTerminal(), options.timeout());
        OutcomeWaiter.Outcomes outcomes = waiter.await(replayId, publishing.published(), options.timeout(),
                progress::update);
        progress.finish();
        ReplaySummary summary = ReplaySummary.published(snapshot, plan, publishing, outcomes, replayId);
        report.outcomes(summary, outcomes, options.timeout());
        return summary;
    }

    private String missingTopics(List<String> missing, String bootstrapServers) {
        DeadLetterConfig topics = target.topics();
        return (missing.size() == 1 ? "topic " + missing.get(0) + " does not exist"
                : "topics " + String.join(", ", missing) + " do not exist") + " on Kafka at " + bootstrapServers
                + ". The topology creates its dead-letter, replay and replay-results topics when it starts, named "
                + "after application.id (" + topics.applicationId() + ") unless its settings name them ("
                + DeadLetterConfig.DEAD_LETTER_TOPIC_CONFIG + ", " + DeadLetterConfig.REPLAY_TOPIC_CONFIG + ", "
                + DeadLetterConfig.REPLAY_RESULTS_TOPIC_CONFIG + "): point --config at the settings of the running "
                + "instance (now " + target.source() + "), or start the instance once";
    }
}
