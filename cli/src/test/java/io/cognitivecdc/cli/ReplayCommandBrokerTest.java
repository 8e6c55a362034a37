package io.cognitivecdc.cli;

import io.cognitivecdc.deadletter.DeadLetters;
import io.cognitivecdc.deadletter.ReplayOutcome;
import io.cognitivecdc.deadletter.ReplayOutcome.Outcome;
import io.cognitivecdc.localstack.LocalStackPaths;
import io.cognitivecdc.localstack.kafka.EmbeddedKafkaBroker;
import io.cognitivecdc.localstack.registry.ApicurioRegistryProcess;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.topology.EnrichmentSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code cognitive-cdc replay} against a real broker and Apicurio Registry: dead letters written through the
 * registry serde as the topology writes them, and a stand-in for the topology that reads the replay topic and
 * answers on the replay-results topic. The round trip through the real topology is the topology's own test.
 */
class ReplayCommandBrokerTest {

    private static final Instant NOW = Instant.now();
    private static final Pattern REPLAY_ID = Pattern.compile("replay_id=(replay-\\S+)");

    private static EmbeddedKafkaBroker broker;
    private static ApicurioRegistryProcess registry;
    private static EnrichmentSerdes serdes;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        CompletableFuture<ApicurioRegistryProcess> starting = CompletableFuture.supplyAsync(
                () -> ApicurioRegistryProcess.start(LocalStackPaths.fromBuild().apicurioHome()));
        broker = EmbeddedKafkaBroker.start();
        registry = starting.join();
        serdes = EnrichmentSerdes.apicurio(registry.v3Url());
    }

    @AfterAll
    static void stop() {
        if (serdes != null) {
            serdes.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldReplayTheNewestDeadLetterOfEachRowAndReportEveryOutcome() throws Exception {
        String app = "replay-outcomes";
        createTopics(app);
        write(app, deadLetter(1, "summarizer", "INVALID_OUTPUT", Duration.ofHours(3)));
        byte[] newestOfOne = write(app, deadLetter(1, "summarizer", "INVALID_OUTPUT", Duration.ofHours(1)));
        byte[] two = write(app, deadLetter(2, "classifier", "CONTENT_FILTERED", Duration.ofHours(2)));
        byte[] three = write(app, deadLetter(3, "summarizer", "INVALID_OUTPUT", Duration.ofMinutes(30)));
        writeRaw(app, "not a dead letter".getBytes(StandardCharsets.UTF_8));

        RunCommandTest.Result result;
        try (FakeTopology topology = FakeTopology.start(app, letter -> switch (letter.getKey()) {
            case "{\"id\":1}" -> Optional.of(new Answer(Outcome.REPLAYED, null));
            case "{\"id\":2}" -> Optional.of(new Answer(Outcome.FAILED_AGAIN, "CONTENT_FILTERED: refused again"));
            default -> Optional.of(new Answer(Outcome.STALE, "the row was enriched since it failed"));
        })) {
            result = RunCommandTest.run(Map.of(), "replay", "--config", settings(app).toString(), "--timeout", "60s");

            String replayId = replayId(result.out());
            assertThat(topology.received()).as("what the topology got: the newest dead letter of each row, unchanged")
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("row-1", "row-2", "row-3");
            assertThat(topology.received()).extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder(newestOfOne, two, three);
            assertThat(topology.received()).allSatisfy(r -> assertThat(new String(r.headers()
                    .lastHeader(ReplayOutcome.REPLAY_ID_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo(replayId));
        }

        assertThat(result.exit()).as("one failed again").isEqualTo(1);
        assertThat(result.out())
                .contains("4 dead letter(s) read, 1 undecodable; 4 match the filters, of which 1 superseded by a newer "
                        + "dead letter of the same row; 3 selected")
                .containsPattern("  undecodable  dead-letter \\d/\\d: cannot be decoded: ")
                .containsPattern("  superseded   dead-letter \\d/\\d  key \\{\"id\":1}  step summarizer  "
                        + "INVALID_OUTPUT  failed \\S+  INVALID_OUTPUT in summarizer  \\(superseded by the newer "
                        + "dead-letter \\d/\\d\\)")
                .containsPattern("Published 3 to replay-outcomes.replay as replay replay-\\S+; waiting up to 1m for the "
                        + "outcomes on replay-outcomes.replay-results")
                .containsPattern("Replay replay-\\S+: replayed=1 stale=1 failed_again=1 pending=0")
                .contains("  failed again  {\"id\":2}  CONTENT_FILTERED: refused again")
                .contains("  stale         {\"id\":3}  the row was enriched since it failed")
                .containsPattern("RESULT selected=3 replayed=1 stale=1 failed_again=1 pending=0 unpublished=0 "
                        + "superseded=1 undecodable=1 read=4 dry_run=false replay_id=replay-\\S+\\s*$");
    }

    @Test
    void shouldExitZeroWhenEverySelectedRowIsReplayed() throws Exception {
        String app = "replay-filters";
        createTopics(app);
        write(app, deadLetter(1, "summarizer", "INVALID_OUTPUT", Duration.ofHours(1)));
        write(app, deadLetter(2, "classifier", "INVALID_OUTPUT", Duration.ofHours(1)));
        write(app, deadLetter(3, "summarizer", "INVALID_OUTPUT", Duration.ofHours(5)));
        write(app, deadLetter(4, "summarizer", "CONTENT_FILTERED", Duration.ofMinutes(30)));

        RunCommandTest.Result result;
        try (FakeTopology topology = FakeTopology.start(app, letter -> Optional.of(new Answer(Outcome.REPLAYED, null)))) {
            result = RunCommandTest.run(Map.of(), "replay", "--config", settings(app).toString(),
                    "--step", "summarizer", "--error-type", "invalid_output,INPUT_TOO_LARGE", "--since", "2h");

            assertThat(topology.received()).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactly("row-1");
        }

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("filters: step in [summarizer], error type in [INPUT_TOO_LARGE, INVALID_OUTPUT], failed at "
                        + "or after ")
                .containsPattern("RESULT selected=1 replayed=1 stale=0 failed_again=0 pending=0 ");
    }

    @Test
    void shouldReportRowsWithoutOutcomeAsPendingAtTheTimeout() throws Exception {
        String app = "replay-pending";
        createTopics(app);
        write(app, deadLetter(7, "summarizer", "INVALID_OUTPUT", Duration.ofMinutes(5)));

        RunCommandTest.Result result = RunCommandTest.run(Map.of(), "replay", "--config", settings(app).toString(),
                "--key", "7", "--timeout", "2s");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out())
                .containsPattern("  pending       \\{\"id\":7}  \\(dead-letter \\d/0\\)")
                .contains("Pending rows had no outcome within 2s.")
                .containsPattern("RESULT selected=1 replayed=0 stale=0 failed_again=0 pending=1 ");
        assertThat(result.err()).as("progress, as plain lines: stderr is no terminal here")
                .doesNotContain("\r");
        assertThat(endOffsets(app + ".replay")).as("published, waiting for a topology").isEqualTo(1);
    }

    @Test
    void shouldPublishNothingOnDryRun() throws Exception {
        String app = "replay-dry-run";
        createTopics(app);
        write(app, deadLetter(1, "summarizer", "INVALID_OUTPUT", Duration.ofHours(2)));
        write(app, deadLetter(1, "summarizer", "INVALID_OUTPUT", Duration.ofHours(1)));
        write(app, deadLetter(2, "classifier", "CONTENT_FILTERED", Duration.ofMinutes(10)));

        RunCommandTest.Result result = RunCommandTest.run(Map.of(), "replay", "--config", settings(app).toString(),
                "--dry-run");

        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("Would replay 2 to replay-dry-run.replay:")
                .containsPattern("\\n  dead-letter \\d/\\d  key \\{\"id\":1}  step summarizer  INVALID_OUTPUT  failed "
                        + "\\S+Z  INVALID_OUTPUT in summarizer\\R")
                .containsPattern("\\n  dead-letter \\d/\\d  key \\{\"id\":2}  step classifier  CONTENT_FILTERED  "
                        + "failed \\S+Z  CONTENT_FILTERED in classifier\\R")
                .containsPattern("  superseded   dead-letter \\d/\\d  key \\{\"id\":1}")
                .contains("Dry run: nothing published.")
                .doesNotContain("second line")
                .containsPattern("RESULT selected=2 replayed=0 stale=0 failed_again=0 pending=0 unpublished=0 "
                        + "superseded=1 undecodable=0 read=3 dry_run=true replay_id=none");
        assertThat(endOffsets(app + ".replay")).isZero();
    }

    @Test
    void shouldExitTwoNamingTheTopicsThatDoNotExist() throws IOException {
        RunCommandTest.Result result = RunCommandTest.run(Map.of(), "replay", "--config",
                settings("replay-absent").toString());

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .contains("error: topics replay-absent.dead-letter, replay-absent.replay, replay-absent.replay-results "
                        + "do not exist on Kafka at " + broker.bootstrapServers())
                .contains("named after application.id (replay-absent)")
                .contains("point --config at the settings of the running instance");
    }

    @Test
    void shouldExitTwoWhenTheSchemaRegistryCannotBeReached() throws Exception {
        String app = "replay-no-registry";
        createTopics(app);
        write(app, deadLetter(1, "summarizer", "INVALID_OUTPUT", Duration.ofMinutes(5)));
        Path settings = Files.writeString(settings(app), Files.readString(settings(app))
                .replace(registry.v3Url(), "http://127.0.0.1:1/apis/registry/v3"));

        RunCommandTest.Result result = RunCommandTest.run(Map.of(), "replay", "--config", settings.toString(),
                "--dry-run");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("error: cannot reach the schema registry at "
                + "http://127.0.0.1:1/apis/registry/v3 to decode the dead letters (")
                .contains("Connection refused");
    }

    /** Settings as the demo writes them for replay: no pipeline file, which replay does not read. */
    private Path settings(String app) throws IOException {
        return Files.writeString(dir.resolve(app + ".properties"), """
                bootstrap.servers=%s
                application.id=%s
                schema.registry.url=%s
                """.formatted(broker.bootstrapServers(), app, registry.v3Url()));
    }

    private static void createTopics(String app) {
        broker.createTopics(2, app + ".dead-letter", app + ".replay");
        broker.createTopics(1, app + ".replay-results");
    }

    private static DeadLetter deadLetter(int id, String step, String errorType, Duration ago) {
        return DeadLetter.newBuilder()
                .setKey("{\"id\":" + id + "}")
                .setStep(step)
                .setErrorType(errorType)
                .setErrorMessage(errorType + " in " + step + "\nsecond line")
                .setSourceTopic("cdc.public.tickets")
                .setFailedAtMs(NOW.minus(ago).toEpochMilli())
                .setApplicationId("replay-test")
                .setAppVersion(DeadLetters.APP_VERSION)
                .build();
    }

    /** Writes {@code deadLetter} as the topology does, keyed by its row; returns the value bytes. */
    private static byte[] write(String app, DeadLetter deadLetter) throws Exception {
        String topic = app + ".dead-letter";
        byte[] value = serdes.deadLetter().serializer().serialize(topic, deadLetter);
        String row = "row-" + deadLetter.getKey().replaceAll("\\D", "");
        send(topic, row.getBytes(StandardCharsets.UTF_8), value);
        return value;
    }

    private static void writeRaw(String app, byte[] value) throws Exception {
        send(app + ".dead-letter", null, value);
    }

    private static void send(String topic, byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static long endOffsets(String topic) throws ExecutionException, InterruptedException {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static String replayId(String out) {
        Matcher m = REPLAY_ID.matcher(out);
        assertThat(m.find()).as("a replay id in:\n%s", out).isTrue();
        return m.group(1);
    }

    /** What the stand-in topology answers to a replayed dead letter; empty for no answer. */
    private record Answer(Outcome outcome, String message) {
    }

    /**
     * Reads the replay topic from its beginning and answers each record on the replay-results topic as the topology
     * does: key = the replay id from the header, value = the outcome as JSON.
     */
    private static final class FakeTopology implements AutoCloseable {

        private final List<ConsumerRecord<byte[], byte[]>> received = new CopyOnWriteArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        private FakeTopology(String app, Function<DeadLetter, Optional<Answer>> answers) {
            thread = new Thread(() -> serve(app, answers), "fake-topology-" + app);
            thread.setDaemon(true);
        }

        static FakeTopology start(String app, Function<DeadLetter, Optional<Answer>> answers) {
            FakeTopology topology = new FakeTopology(app, answers);
            topology.thread.start();
            return topology;
        }

        List<ConsumerRecord<byte[], byte[]>> received() {
            return received;
        }

        private void serve(String app, Function<DeadLetter, Optional<Answer>> answers) {
            List<TopicPartition> replay = List.of(new TopicPartition(app + ".replay", 0),
                    new TopicPartition(app + ".replay", 1));
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
                 KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                         new StringSerializer(), new StringSerializer())) {
                consumer.assign(replay);
                consumer.seekToBeginning(replay);
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        received.add(record);
                        String replayId = new String(record.headers().lastHeader(ReplayOutcome.REPLAY_ID_HEADER)
                                .value(), StandardCharsets.UTF_8);
                        DeadLetter letter = DeadLetters.fromGeneric(serdes.deadLetter().deserializer()
                                .deserialize(record.topic(), record.value()));
                        answers.apply(letter).ifPresent(answer -> producer.send(new ProducerRecord<>(
                                app + ".replay-results", replayId, new ReplayOutcome(replayId, letter.getKey(),
                                answer.outcome(), answer.message()).toJson())));
                    }
                    producer.flush();
                }
            }
        }

        @Override
        public void close() {
            running = false;
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
