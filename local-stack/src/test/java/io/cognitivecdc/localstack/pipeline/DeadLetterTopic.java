package io.cognitivecdc.localstack.pipeline;

import io.cognitivecdc.deadletter.DeadLetters;
import io.cognitivecdc.localstack.LocalStack;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.topology.EnrichmentSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a pipeline's dead-letter topic from the start, as an operator's tool would, for assertions. */
final class DeadLetterTopic {

    private DeadLetterTopic() {
    }

    /** Every committed dead letter on the topic of {@code pipeline}, in partition and offset order. */
    static List<DeadLetter> readAll(LocalStack stack, LocalPipeline pipeline) {
        String topic = pipeline.topics().deadLetterTopic();
        try (EnrichmentSerdes serdes = EnrichmentSerdes.apicurio(stack.registry().v3Url());
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                     ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers(),
                     ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<DeadLetter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(DeadLetters.fromGeneric(serdes.deadLetter().deserializer().deserialize(topic,
                            record.value())));
                }
            }
            return letters;
        }
    }
}
