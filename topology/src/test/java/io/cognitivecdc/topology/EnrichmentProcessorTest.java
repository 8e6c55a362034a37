package io.cognitivecdc.topology;

import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_KEY;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.PG_VALUE;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.key;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.pgEvent;
import static io.cognitivecdc.cdc.DebeziumEnvelopes.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.cognitivecdc.llm.FakeChatModel;
import io.cognitivecdc.llm.LlmCallException;
import io.cognitivecdc.pipeline.Pipeline;
import io.cognitivecdc.pipeline.TestPipelines;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The asynchronous processor: many calls in flight, a bounded in-flight set, per-key order, nothing redone. */
class EnrichmentProcessorTest {

    private static final String TOPIC = "pg.public.visits";

    private final InMemorySchemaStore schemas = new InMemorySchemaStore();
    private final Serde<GenericRecord> serde = schemas.genericSerde();
    private final FakeChatModel model = new FakeChatModel();
    private final List<EnrichmentFailure> failures = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger started = new AtomicInteger();

    private Pipeline pipeline;
    private TopologyTestDriver driver;
    private TestInputTopic<GenericRecord, GenericRecord> changes;
    private TestOutputTopic<GenericRecord, GenericRecord> enriched;

    private void start(Map<String, Object> settings) {
        pipeline = TestPipelines.visits(model);
        Properties props = new Properties();
        props.putAll(EnrichmentApplication.streamsConfig(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "async",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092")));
        props.putAll(settings);
        driver = new TopologyTestDriver(EnrichmentTopology.build(pipeline, new EnrichmentSerdes(serde, serde, serde, serde),
                failures::add, settings), props);
        changes = driver.createInputTopic(TOPIC, serde.serializer(), serde.serializer());
        enriched = driver.createOutputTopic("visits.enriched", serde.deserializer(), serde.deserializer());
    }

    /** Every call waits until the test releases them, so that calls pile up in flight. */
    private void blockEveryCall() {
        model.answering(request -> {
            started.incrementAndGet();
            await(release);
            return FakeChatModel.sensibleAnswer(request);
        });
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (driver != null) {
            driver.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldKeepManyCallsInFlightWithoutBlockingTheStreamThread() {
        start(Map.of());
        blockEveryCall();

        for (int id = 1; id <= 40; id++) {
            changes.pipeInput(key(PG_KEY, id), pgEvent("c", null, row(PG_VALUE, id, "Outpatient check " + id + ".")));
        }
        // process() returned for all 40 rows while no model call has finished: nothing waited on a model.
        Pump.until(driver, () -> started.get() == 40);
        assertThat(enriched.isEmpty()).isTrue();

        release.countDown();
        Pump.until(driver, () -> enriched.getQueueSize() == 40);
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldEnrichEveryRowOfABacklogLargerThanTheInFlightBound() {
        // Well past 127 rows per task: sequence numbers of the pending index are compared as values, not as boxes.
        start(Map.of(EnrichmentProcessorConfig.MAX_IN_FLIGHT_CONFIG, 16));
        for (int id = 1; id <= 400; id++) {
            changes.pipeInput(key(PG_KEY, id), pgEvent("c", null, row(PG_VALUE, id, "Outpatient check " + id + ".")));
        }

        Pump.until(driver, () -> enriched.getQueueSize() == 400);

        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key.get("id")).doesNotHaveDuplicates().hasSize(400);
        KeyValueStore<Long, Object> pendingIndex = driver.getKeyValueStore(EnrichmentProcessorSupplier.PENDING_STORE);
        assertThat(pendingIndex.approximateNumEntries()).isZero();
    }

    @Test
    void shouldBoundCallsInFlightAndKeepTheBacklogInTheStore() {
        start(Map.of(EnrichmentProcessorConfig.MAX_IN_FLIGHT_CONFIG, 3));
        blockEveryCall();

        for (int id = 1; id <= 10; id++) {
            changes.pipeInput(key(PG_KEY, id), pgEvent("c", null, row(PG_VALUE, id, "Outpatient check " + id + ".")));
        }
        Pump.until(driver, () -> started.get() == 3);
        Pump.settle(driver, Duration.ofMillis(200));

        assertThat(started.get()).as("calls in flight").isEqualTo(3);
        // The backlog is served oldest first: the rows in flight are the first three that arrived.
        assertThat(model.requests()).extracting(request -> request.key())
                .containsExactlyInAnyOrder("{\"id\":1}", "{\"id\":2}", "{\"id\":3}");
        KeyValueStore<Long, Object> pendingIndex = driver.getKeyValueStore(EnrichmentProcessorSupplier.PENDING_STORE);
        assertThat(pendingIndex.approximateNumEntries()).isEqualTo(10);

        release.countDown();
        Pump.until(driver, () -> enriched.getQueueSize() == 10);
        assertThat(enriched.readKeyValuesToList()).extracting(kv -> kv.key.get("id"))
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(pendingIndex.approximateNumEntries()).isZero();
    }

    @Test
    void shouldSupersedeAPendingVersionAndDropTheStaleResult() {
        start(Map.of());
        blockEveryCall();
        changes.pipeInput(key(PG_KEY, 1), pgEvent("c", null, row(PG_VALUE, 1, "Outpatient check.")));
        Pump.until(driver, () -> started.get() >= 1);

        changes.pipeInput(key(PG_KEY, 1), pgEvent("u", null, row(PG_VALUE, 1, "Now inpatient, admitted.")));
        release.countDown();
        Pump.until(driver, () -> enriched.getQueueSize() >= 1);
        Pump.settle(driver, Duration.ofMillis(200));

        assertThat(enriched.readValuesToList()).singleElement()
                .satisfies(row -> assertThat(row.get("summary")).hasToString("Now inpatient, admitted."));
    }

    @Test
    void shouldKeepPerKeyOrderAcrossManyVersions() {
        start(Map.of());
        for (int version = 1; version <= 20; version++) {
            changes.pipeInput(key(PG_KEY, 1), pgEvent("u", null, row(PG_VALUE, 1, "Outpatient visit " + version + ".")));
            if (version % 5 == 0) {
                Pump.settle(driver, Duration.ofMillis(60));
            }
        }
        Pump.until(driver, () -> {
            List<GenericRecord> values = enriched.readValuesToList();
            return !values.isEmpty() && values.get(values.size() - 1).get("summary").toString().equals("Outpatient visit 20.");
        });
        Pump.settle(driver, Duration.ofMillis(200));

        assertThat(enriched.isEmpty()).as("nothing older arrives after the latest version").isTrue();
    }

    @Test
    void shouldCallNoModelAndEmitNothingWhenOnlyColumnsOutsideTheInputsChange() {
        // What happens when the sink writes the enrichment back into the captured table: the row changes, the
        // steps' inputs do not. Re-enriching would loop forever.
        start(Map.of());
        GenericRecord first = row(PG_VALUE, 1, "Emergency: fall from a ladder.");
        changes.pipeInput(key(PG_KEY, 1), pgEvent("c", null, first));
        Pump.until(driver, () -> enriched.getQueueSize() == 1);
        enriched.readValue();
        int calls = model.requests().size();

        GenericRecord writtenBack = row(PG_VALUE, 1, "Emergency: fall from a ladder.");
        writtenBack.put("visit_date", 20_500);
        changes.pipeInput(key(PG_KEY, 1), pgEvent("u", first, writtenBack));
        Pump.settle(driver, Duration.ofMillis(200));

        assertThat(model.requests()).hasSize(calls);
        assertThat(enriched.isEmpty()).isTrue();
    }

    @Test
    void shouldEmitTheNewSourceVersionWhenStepsRanEvenIfTheirAnswersDidNotChange() {
        start(Map.of());
        changes.pipeInput(key(PG_KEY, 1), pgEvent("c", null, row(PG_VALUE, 1, "Emergency: fall. Wrist fracture.")));
        Pump.until(driver, () -> enriched.getQueueSize() == 1);
        enriched.readValue();

        // New text, same first sentence: both steps run again and answer as before.
        changes.pipeInput(key(PG_KEY, 1), pgEvent("u", null, row(PG_VALUE, 1, "Emergency: fall. Cast applied.")));
        Pump.until(driver, () -> enriched.getQueueSize() == 1);

        assertThat(enriched.readValue().get("summary")).hasToString("Emergency: fall.");
        assertThat(model.requests("summarize")).hasSize(2);
    }

    @Test
    void shouldReuseTheOutputOfAnIdenticalQuestionForAnotherRow() {
        start(Map.of());
        changes.pipeInput(key(PG_KEY, 1), pgEvent("c", null, row(PG_VALUE, 1, "Emergency: fall from a ladder.")));
        Pump.until(driver, () -> enriched.getQueueSize() == 1);
        changes.pipeInput(key(PG_KEY, 2), pgEvent("c", null, row(PG_VALUE, 2, "Emergency: fall from a ladder.")));
        Pump.until(driver, () -> enriched.getQueueSize() == 2);

        // The classifier's context names the patient, so each row asks it; the summarizer is asked the same twice.
        assertThat(model.requests("classify")).hasSize(2);
        assertThat(model.requests("summarize")).hasSize(1);
        assertThat(enriched.readValuesToList()).extracting(r -> r.get("summary").toString())
                .containsExactly("Emergency: fall from a ladder.", "Emergency: fall from a ladder.");
    }

    @Test
    void shouldKeepARowPendingThroughPassingFailuresAndEnrichItAfterwards() {
        start(Map.of(EnrichmentProcessorConfig.BACKOFF_INITIAL_MS_CONFIG, 50L));
        AtomicInteger classifyCalls = new AtomicInteger();
        model.answering(request -> {
            if (request.taskType().equals("classify") && classifyCalls.incrementAndGet() <= 2) {
                throw new LlmCallException(LlmCallException.Kind.RATE_LIMITED, "429 Too Many Requests", 429,
                        Duration.ofMillis(10), null);
            }
            return FakeChatModel.sensibleAnswer(request);
        });

        changes.pipeInput(key(PG_KEY, 1), pgEvent("c", null, row(PG_VALUE, 1, "Emergency: fall from a ladder.")));
        Pump.until(driver, () -> enriched.getQueueSize() == 1);

        assertThat(failures).as("passing failures are not failed rows").isEmpty();
        assertThat(classifyCalls.get()).isEqualTo(3);
    }

    @Test
    void shouldWaitAtLeastAsLongAsTheProviderAskedBeforeCallingAgain() {
        start(Map.of(EnrichmentProcessorConfig.BACKOFF_INITIAL_MS_CONFIG, 10L));
        AtomicInteger classifyCalls = new AtomicInteger();
        model.answering(request -> {
            if (request.taskType().equals("classify") && classifyCalls.incrementAndGet() == 1) {
                throw new LlmCallException(LlmCallException.Kind.RATE_LIMITED, "429 Too Many Requests", 429,
                        Duration.ofSeconds(2), null);
            }
            return FakeChatModel.sensibleAnswer(request);
        });

        changes.pipeInput(key(PG_KEY, 1), pgEvent("c", null, row(PG_VALUE, 1, "Emergency: fall from a ladder.")));
        Pump.until(driver, () -> classifyCalls.get() == 1);
        // One second of the task's wall clock: far past the 10 ms backoff, still within the provider's 2 s.
        for (int i = 0; i < 50; i++) {
            driver.advanceWallClockTime(Duration.ofMillis(20));
        }
        // Real time for a resubmitted call to reach the model, without moving the task's clock.
        sleep(Duration.ofMillis(300));
        assertThat(classifyCalls.get()).as("calls before Retry-After passed").isEqualTo(1);

        Pump.until(driver, () -> enriched.getQueueSize() == 1);
        assertThat(classifyCalls.get()).isEqualTo(2);
    }

    @Test
    void shouldNotAskAFinishedStepAgainWhenALaterStepFailedForAPassingReason() {
        start(Map.of(EnrichmentProcessorConfig.BACKOFF_INITIAL_MS_CONFIG, 50L));
        AtomicInteger summarizeCalls = new AtomicInteger();
        model.answering(request -> {
            if (request.taskType().equals("summarize") && summarizeCalls.incrementAndGet() == 1) {
                throw new LlmCallException(LlmCallException.Kind.SERVER_ERROR, "503", 503, null, null);
            }
            return FakeChatModel.sensibleAnswer(request);
        });

        changes.pipeInput(key(PG_KEY, 1), pgEvent("c", null, row(PG_VALUE, 1, "Emergency: fall from a ladder.")));
        Pump.until(driver, () -> enriched.getQueueSize() == 1);

        assertThat(model.requests("classify")).as("the finished classification was kept").hasSize(1);
        assertThat(model.requests("summarize")).hasSize(2);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test did not release the model");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmCallException(LlmCallException.Kind.TIMEOUT, "interrupted");
        }
    }
}
