package io.cognitivecdc.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cognitivecdc.cdc.InvalidChangeEventException;
import io.cognitivecdc.schemas.DeadLetter;
import io.cognitivecdc.topology.InMemorySchemaStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The handlers Kafka Streams calls for records it cannot decode, process or write. */
class DeadLetterHandlersTest {

    private static final String CDC_TOPIC = "pg.public.visits";
    private static final byte[] RAW_KEY = {0, 0, 0, 0, 1, 14};
    private static final byte[] RAW_VALUE = "{\"op\":\"c\"}".getBytes(StandardCharsets.UTF_8);

    private final Serde<GenericRecord> serde = new InMemorySchemaStore().genericSerde();

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(DeadLetterHandlers.streamsConfig(serde.serializer()));
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, "handlers-test");
        return settings;
    }

    private DeadLetter decode(ProducerRecord<byte[], byte[]> record) {
        return DeadLetters.fromGeneric(serde.deserializer().deserialize(record.topic(), record.value()));
    }

    @Test
    void shouldDeadLetterUndecodableRecordWithItsOriginalBytesAndResume() {
        DeserializationExceptionHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(settings());

        DeserializationExceptionHandler.Response response = handler.handleError(context(new RecordHeaders()),
                new ConsumerRecord<>(CDC_TOPIC, 2, 41L, RAW_KEY, RAW_VALUE),
                new SerializationException("not Avro with a schema id: 10 bytes"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> record = response.deadLetterQueueRecords().get(0);
        assertThat(record.topic()).isEqualTo("handlers-test.dead-letter");
        assertThat(record.key()).isEqualTo(RAW_KEY);
        DeadLetter letter = decode(record);
        assertThat(letter.getErrorType()).isEqualTo("UNDECODABLE_RECORD");
        assertThat(letter.getErrorMessage()).contains("not Avro with a schema id");
        assertThat(letter.getSourceTopic()).isEqualTo(CDC_TOPIC);
        assertThat(letter.getSourcePartition()).isEqualTo(2);
        assertThat(letter.getSourceOffset()).isEqualTo(41L);
        assertThat(bytes(letter.getSourceKey())).isEqualTo(RAW_KEY);
        assertThat(bytes(letter.getSourceValue())).isEqualTo(RAW_VALUE);
        assertThat(letter.getApplicationId()).isEqualTo("handlers-test");
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
    }

    @Test
    void shouldReportFailedAgainWhenAReplayedRecordCannotBeDecoded() {
        DeserializationExceptionHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(settings());
        RecordHeaders headers = new RecordHeaders();
        headers.add(ReplayOutcome.REPLAY_ID_HEADER, "replay-9".getBytes(StandardCharsets.UTF_8));

        List<ProducerRecord<byte[], byte[]>> records = handler.handleError(context(headers),
                new ConsumerRecord<>(CDC_TOPIC, 0, 1L, RAW_KEY, RAW_VALUE), new SerializationException("bad"))
                .deadLetterQueueRecords();

        assertThat(decode(records.get(0)).getReplayId()).isEqualTo("replay-9");
        assertThat(records.get(1).topic()).isEqualTo("handlers-test.replay-results");
        assertThat(ReplayOutcome.fromJson(new String(records.get(1).value(), StandardCharsets.UTF_8)).outcome())
                .isEqualTo(ReplayOutcome.Outcome.FAILED_AGAIN);
    }

    @Test
    void shouldNameInvalidChangeEventsWhenProcessingFails() {
        ProcessingExceptionHandler handler = new DeadLetterProcessingHandler();
        handler.configure(settings());

        ProcessingExceptionHandler.Response response = handler.handleError(context(new RecordHeaders()),
                new Record<>(null, "value", 0L), new InvalidChangeEventException("change event has no 'op' field"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        DeadLetter letter = decode(response.deadLetterQueueRecords().get(0));
        assertThat(letter.getErrorType()).isEqualTo("INVALID_CHANGE_EVENT");
        assertThat(bytes(letter.getSourceValue())).isEqualTo(RAW_VALUE);
    }

    @Test
    void shouldDeadLetterOutputTooLargeButStopOnOtherSendErrors() {
        ProductionExceptionHandler handler = new DeadLetterProductionHandler();
        handler.configure(settings());
        ProducerRecord<byte[], byte[]> output = new ProducerRecord<>("visits.enriched", RAW_KEY, new byte[10]);

        ProductionExceptionHandler.Response tooLarge = handler.handleError(context(new RecordHeaders()), output,
                new RecordTooLargeException("too large"));
        ProductionExceptionHandler.Response denied = handler.handleError(context(new RecordHeaders()), output,
                new AuthorizationException("denied"));

        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(decode(tooLarge.deadLetterQueueRecords().get(0)).getErrorType()).isEqualTo("UNWRITABLE_OUTPUT");
        assertThat(denied.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void shouldRefuseToStartWithoutTheDeadLetterSerializer() {
        Map<String, Object> settings = settings();
        settings.remove(DeadLetterHandlers.SERIALIZER_CONFIG);

        assertThatThrownBy(() -> new DeadLetterDeserializationHandler().configure(settings))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DeadLetterHandlers.SERIALIZER_CONFIG);
    }

    private static ErrorHandlerContext context(Headers headers) {
        return new ErrorHandlerContext() {
            @Override public String topic() { return CDC_TOPIC; }
            @Override public int partition() { return 2; }
            @Override public long offset() { return 41L; }
            @Override public Headers headers() { return headers; }
            @Override public String processorNodeId() { return "cdc-source"; }
            @Override public TaskId taskId() { return new TaskId(0, 2); }
            @Override public long timestamp() { return 0L; }
            @Override public byte[] sourceRawKey() { return RAW_KEY; }
            @Override public byte[] sourceRawValue() { return RAW_VALUE; }
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
