package io.cognitivecdc.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.dialect.SQLServerDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.debezium.connector.jdbc.JdbcKafkaSinkRecord;
import io.debezium.connector.jdbc.JdbcSinkConnectorConfig;
import io.debezium.connector.jdbc.JdbcSinkRecord;
import io.debezium.connector.jdbc.dialect.DatabaseDialect;
import io.debezium.connector.jdbc.dialect.DatabaseDialectResolver;
import io.debezium.connector.jdbc.dialect.sqlserver.SqlServerDatabaseDialect;
import io.debezium.connector.jdbc.relational.TableDescriptor;
import io.debezium.metadata.CollectionId;
import io.debezium.sink.column.ColumnDescriptor;

/**
 * Validates sqlserver-sink.json and renders, without a database, the statements the JDBC sink will run against
 * SQL Server for the enriched record (key {encounter_id}; value: the demo pipeline's output columns followed by the
 * fields of EnrichedRow.avsc that every enriched row carries, as the Avro converter hands them over).
 */
class SqlServerSinkConfigTest {

    private static final Schema KEY_SCHEMA = SchemaBuilder.struct()
            .name("cdc.clinic.dbo.encounters.Key")
            .field("encounter_id", Schema.INT32_SCHEMA)
            .build();
    /** The output columns of the clinic-encounters pipeline (demo-pipeline.yaml), all nullable. */
    private static final Map<String, Schema> PIPELINE_COLUMNS = new java.util.LinkedHashMap<>();

    static {
        PIPELINE_COLUMNS.put("category", Schema.OPTIONAL_STRING_SCHEMA);
        PIPELINE_COLUMNS.put("confidence", Schema.OPTIONAL_FLOAT64_SCHEMA);
        PIPELINE_COLUMNS.put("needs_review", Schema.OPTIONAL_BOOLEAN_SCHEMA);
        PIPELINE_COLUMNS.put("summary", Schema.OPTIONAL_STRING_SCHEMA);
    }

    private static final Schema VALUE_SCHEMA = connectSchemaOf("EnrichedRow.avsc", PIPELINE_COLUMNS);
    private static final String[] ENRICHMENT_COLUMNS = {
            "category", "confidence", "needs_review", "summary", "enriched_by", "source_table", "source_ts_ms",
            "enriched_at_ms" };

    private static JdbcSinkConnectorConfig config;
    private static SessionFactory sessionFactory;
    private static DatabaseDialect dialect;

    @BeforeAll
    static void resolveDialectWithoutDatabase() {
        config = new JdbcSinkConnectorConfig(ConnectorConfigFile.resolved("sqlserver-sink.json"));

        Configuration hibernate = config.getHibernateConfiguration();
        hibernate.setProperty(JdbcSettings.DIALECT, SQLServerDialect.class.getName());
        hibernate.setProperty(JdbcSettings.ALLOW_METADATA_ON_BOOT, "false");
        hibernate.getProperties().put(JdbcSettings.CONNECTION_PROVIDER, new RefusingConnectionProvider());
        sessionFactory = hibernate.buildSessionFactory();
        dialect = DatabaseDialectResolver.resolve(config, sessionFactory);
    }

    @AfterAll
    static void closeSessionFactory() {
        sessionFactory.close();
    }

    @Test
    void shouldAcceptProductionSqlServerSinkConfig() {
        assertThat(problemsOf(ConnectorConfigFile.resolved("sqlserver-sink.json"))).isEmpty();
        config.validate();
    }

    @Test
    void shouldReportInvalidInsertModeByFieldName() {
        Map<String, String> broken = ConnectorConfigFile.resolved("sqlserver-sink.json");
        broken.put("insert.mode", "merge");

        assertThat(problemsOf(broken)).anySatisfy(problem -> assertThat(problem).contains("insert.mode"));
    }

    @Test
    void shouldRefuseDeletesUnlessThePrimaryKeyComesFromTheRecordKey() {
        Map<String, String> broken = ConnectorConfigFile.resolved("sqlserver-sink.json");
        broken.put("primary.key.mode", "none");

        // Cross-field rules live only in validate(), which logs the offending fields and throws a generic message.
        assertThatThrownBy(() -> new JdbcSinkConnectorConfig(broken).validate())
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("JdbcSinkConnectorConfig");
    }

    @Test
    void shouldResolveTheSqlServerDialect() {
        assertThat(dialect).isInstanceOf(SqlServerDatabaseDialect.class);
    }

    @Test
    void shouldUpsertEnrichedRowsWithMergeKeyedOnEncounterId() {
        JdbcSinkRecord record = enrichedRecord();

        String merge = dialect.getUpsertStatement(enrichedTable(record), record);
        System.out.println("MERGE for " + config.getCollectionNameFormat() + ":\n" + merge);

        assertThat(merge)
                .startsWith("MERGE INTO dbo.enriched_encounters WITH (HOLDLOCK) AS TARGET USING (SELECT ")
                .contains(" ON (TARGET.encounter_id=INCOMING.encounter_id)")
                .contains("WHEN MATCHED THEN UPDATE SET ")
                .contains("WHEN NOT MATCHED THEN INSERT (");
        String updateSet = merge.substring(merge.indexOf("UPDATE SET"), merge.indexOf("WHEN NOT MATCHED"));
        for (String column : ENRICHMENT_COLUMNS) {
            assertThat(updateSet).contains(column + "=INCOMING." + column);
        }
        assertThat(updateSet).doesNotContain("encounter_id");
    }

    @Test
    void shouldDeleteByEncounterIdOnTombstones() {
        JdbcSinkRecord record = enrichedRecord();

        String delete = dialect.getDeleteStatement(enrichedTable(record), record);
        System.out.println("DELETE for " + config.getCollectionNameFormat() + ":\n" + delete);

        assertThat(delete).isEqualTo("DELETE FROM dbo.enriched_encounters WHERE encounter_id=?");
    }

    @Test
    void shouldCreateTheEnrichedTableWithEncounterIdAsPrimaryKey() {
        JdbcSinkRecord record = enrichedRecord();

        String create = dialect.getCreateTableStatement(record, collectionId(record));
        System.out.println("CREATE TABLE (schema.evolution=basic) for " + config.getCollectionNameFormat() + ":\n" + create);

        assertThat(create)
                .startsWith("CREATE TABLE dbo.enriched_encounters (")
                .contains("PRIMARY KEY(encounter_id)");
    }

    private static List<String> problemsOf(Map<String, String> sinkConfig) {
        List<String> problems = new ArrayList<>();
        new JdbcSinkConnectorConfig(sinkConfig).validateAndRecord(JdbcSinkConnectorConfig.ALL_FIELDS, problems::add);
        return problems;
    }

    private static JdbcSinkRecord enrichedRecord() {
        Struct key = new Struct(KEY_SCHEMA).put("encounter_id", 42);
        Struct value = new Struct(VALUE_SCHEMA)
                .put("category", "follow-up")
                .put("confidence", 0.93)
                .put("needs_review", false)
                .put("summary", "Routine follow-up; blood pressure controlled.")
                .put("enriched_by", "azure-openai/gpt-4o-mini")
                .put("source_table", "clinic.dbo.encounters")
                .put("source_ts_ms", 1_763_700_000_000L)
                .put("enriched_at_ms", 1_763_700_001_250L);
        SinkRecord record = new SinkRecord("cdc.enriched.encounters", 0, KEY_SCHEMA, key, VALUE_SCHEMA, value, 7L);
        return new JdbcKafkaSinkRecord(record, config.getPrimaryKeyMode(), config.getPrimaryKeyFields(),
                config.getFieldFilter(), config.cloudEventsSchemaNamePattern(), dialect);
    }

    private static CollectionId collectionId(JdbcSinkRecord record) {
        return dialect.getCollectionId(
                config.getCollectionNamingStrategy().resolveCollectionName(record, config.getCollectionNameFormat()));
    }

    /** The table as the sink would read it back after creating it (schema.evolution=basic). */
    private static TableDescriptor enrichedTable(JdbcSinkRecord record) {
        CollectionId id = collectionId(record);
        TableDescriptor.Builder table = TableDescriptor.builder()
                .schemaName(id.namespace())
                .tableName(id.name())
                .type("TABLE");
        record.jdbcFields().values().forEach(field -> {
            table.column(ColumnDescriptor.builder()
                    .columnName(field.getColumnName())
                    .typeName(dialect.getSchemaType(field.getSchema()).getTypeName(field.getSchema(), field.isKey()))
                    .nullable(field.getSchema().isOptional())
                    .primarykey(field.isKey())
                    .build());
            if (field.isKey()) {
                table.keyColumn(field.getColumnName());
            }
        });
        return table.build();
    }

    /**
     * The Connect schema the Avro converter derives from the topology's enriched row: the pipeline's columns, then
     * the fields of an .avsc of ours (flat record of primitives and ["null", primitive] unions), so the rendered
     * statements follow the shipped schema.
     */
    private static Schema connectSchemaOf(String avsc, Map<String, Schema> columns) {
        try (InputStream in = SqlServerSinkConfigTest.class.getClassLoader().getResourceAsStream(avsc)) {
            JsonNode record = new ObjectMapper().readTree(in);
            SchemaBuilder struct = SchemaBuilder.struct().name("io.cognitivecdc.enriched.clinic_encounters.EnrichedRow");
            columns.forEach(struct::field);
            for (JsonNode field : record.get("fields")) {
                JsonNode type = field.get("type");
                boolean optional = type.isArray() && type.size() == 2 && "null".equals(type.get(0).asText());
                SchemaBuilder schema = primitive(optional ? type.get(1).asText() : type.asText());
                struct.field(field.get("name").asText(), optional ? schema.optional().build() : schema.build());
            }
            return struct.build();
        }
        catch (IOException e) {
            throw new IllegalStateException(avsc, e);
        }
    }

    private static SchemaBuilder primitive(String avroType) {
        Map<String, Schema.Type> types = Map.of(
                "string", Schema.Type.STRING, "int", Schema.Type.INT32, "long", Schema.Type.INT64,
                "double", Schema.Type.FLOAT64, "float", Schema.Type.FLOAT32, "boolean", Schema.Type.BOOLEAN);
        Schema.Type type = types.get(avroType);
        if (type == null) {
            throw new IllegalArgumentException("no mapping for Avro type " + avroType);
        }
        return SchemaBuilder.type(type);
    }
}
