package io.cognitivecdc.deadletter;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the dead-letter, replay and replay-results topics when missing. The replay topic must have as many
 * partitions as the CDC topics: a replayed record has to reach the task that holds its row's state.
 */
public final class DeadLetterTopics {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private DeadLetterTopics() {
    }

    /**
     * Creates the missing topics, with the cluster's default replication.
     *
     * @throws IllegalStateException if a CDC topic is missing, or the replay topic exists with another partition count
     */
    public static void ensure(Admin admin, DeadLetterConfig config, Collection<String> sourceTopics) {
        try {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> missingSources = sourceTopics.stream().filter(t -> !existing.contains(t)).toList();
            if (!missingSources.isEmpty()) {
                throw new IllegalStateException("CDC topic(s) " + missingSources + " do not exist yet, so the replay "
                        + "topic cannot be given their partition count; start the Debezium connector first");
            }
            Map<String, TopicDescription> sources = admin.describeTopics(sourceTopics).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            int partitions = sources.values().stream().mapToInt(d -> d.partitions().size()).max().orElse(1);
            if (existing.contains(config.replayTopic())) {
                checkReplayPartitions(admin, config.replayTopic(), partitions);
            }
            List<NewTopic> create = new ArrayList<>();
            if (!existing.contains(config.deadLetterTopic())) {
                create.add(new NewTopic(config.deadLetterTopic(), Optional.of(partitions), Optional.empty()));
            }
            if (!existing.contains(config.replayTopic())) {
                create.add(new NewTopic(config.replayTopic(), Optional.of(partitions), Optional.empty()));
            }
            if (!existing.contains(config.replayResultsTopic())) {
                create.add(new NewTopic(config.replayResultsTopic(), Optional.of(1), Optional.empty()));
            }
            if (create.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(create).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            log.info("Created topics {}", create.stream().map(NewTopic::name).toList());
        } catch (ExecutionException | TimeoutException e) {
            String reason = e instanceof TimeoutException ? "the cluster did not answer within " + TIMEOUT_SECONDS
                    + " s" : String.valueOf(e.getCause().getMessage());
            throw new IllegalStateException("cannot create the dead-letter and replay topics: " + reason
                    + "; create them beforehand and set "
                    + DeadLetterConfig.CREATE_TOPICS_CONFIG + "=false if the application may not", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the dead-letter and replay topics", e);
        }
    }

    private static void checkReplayPartitions(Admin admin, String replayTopic, int expected)
            throws ExecutionException, InterruptedException, TimeoutException {
        int actual = admin.describeTopics(List.of(replayTopic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(replayTopic).partitions().size();
        if (actual != expected) {
            throw new IllegalStateException("the replay topic " + replayTopic + " has " + actual + " partition(s) but "
                    + "the CDC topics have " + expected + "; replayed rows would reach the wrong task. Recreate it with "
                    + expected + " partitions (it only holds replay requests)");
        }
    }
}
