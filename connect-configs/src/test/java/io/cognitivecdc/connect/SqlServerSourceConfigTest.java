package io.cognitivecdc.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.debezium.config.Configuration;
import io.debezium.config.Field;
import io.debezium.connector.sqlserver.SqlServerConnectorConfig;
import io.debezium.storage.kafka.history.KafkaSchemaHistory;

/**
 * Checks sqlserver-source.json against the SQL Server connector's own field definitions, offline:
 * SqlServerConnector#validate would also try to connect once the fields are valid.
 */
class SqlServerSourceConfigTest {

    private static final String FILE = "sqlserver-source.json";

    @Test
    void shouldAcceptProductionSqlServerSourceConfig() {
        Map<String, List<String>> errors = fieldErrors(ConnectorConfigFile.resolved(FILE));

        assertThat(errors).isEmpty();
    }

    @Test
    void shouldReportMissingHostnameByFieldName() {
        Map<String, String> config = ConnectorConfigFile.resolved(FILE);
        config.remove("database.hostname");

        assertThat(fieldErrors(config)).containsOnlyKeys("database.hostname");
    }

    @Test
    void shouldReportInvalidSnapshotModeByFieldName() {
        Map<String, String> config = ConnectorConfigFile.resolved(FILE);
        config.put("snapshot.mode", "whenever");

        assertThat(fieldErrors(config)).containsOnlyKeys("snapshot.mode");
    }

    @Test
    void shouldReportMissingSchemaHistoryTopicByFieldName() {
        Map<String, String> config = ConnectorConfigFile.resolved(FILE);
        config.remove("schema.history.internal.kafka.topic");

        assertThat(fieldErrors(config)).containsOnlyKeys("schema.history.internal.kafka.topic");
    }

    @Test
    void shouldCaptureOnlyTheEncountersTableOfTheClinicDatabase() {
        Map<String, String> config = ConnectorConfigFile.raw(FILE);

        assertThat(config)
                .containsEntry("connector.class", "io.debezium.connector.sqlserver.SqlServerConnector")
                .containsEntry("database.names", "clinic")
                .containsEntry("table.include.list", "dbo.encounters")
                .containsEntry("topic.prefix", "cdc")
                .containsEntry("snapshot.mode", "initial");
    }

    @Test
    void shouldCreateTheCdcTopicWithEnoughPartitionsToScaleOutTheTopology() {
        Map<String, String> config = ConnectorConfigFile.raw(FILE);

        assertThat(Integer.parseInt(config.get("topic.creation.default.partitions"))).isGreaterThan(1);
        assertThat(config).containsEntry("topic.creation.default.replication.factor", "3");
    }

    @Test
    void shouldVerifyTheServerCertificate() {
        assertThat(ConnectorConfigFile.raw(FILE))
                .containsEntry("database.encrypt", "true")
                .containsEntry("database.trustServerCertificate", "false");
    }

    private static Map<String, List<String>> fieldErrors(Map<String, String> config) {
        // The Kafka schema history reads its own fields; the connector's ALL_FIELDS only names the history class.
        Map<String, ConfigValue> results = new HashMap<>();
        for (Field.Set fields : List.of(SqlServerConnectorConfig.ALL_FIELDS, KafkaSchemaHistory.ALL_FIELDS)) {
            results.putAll(Configuration.from(config).validate(fields));
        }
        return results.values().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }
}
