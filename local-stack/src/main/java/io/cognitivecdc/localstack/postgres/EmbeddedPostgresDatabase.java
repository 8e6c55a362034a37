package io.cognitivecdc.localstack.postgres;

import io.cognitivecdc.localstack.FreePorts;
import io.cognitivecdc.localstack.StackComponentException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on 127.0.0.1, standing in for SQL Server on one machine.
 *
 * <p>It runs with {@code wal_level=logical} so that Debezium can stream changes through a {@code pgoutput} slot, and
 * it holds two roles: {@link #CDC_USER} (REPLICATION, reads the captured tables) for the source connector and
 * {@link #SINK_USER} (creates and writes the enriched tables) for the JDBC sink.
 */
public final class EmbeddedPostgresDatabase implements AutoCloseable {

    public static final String DATABASE = "postgres";
    public static final String CDC_USER = "cognitive_cdc";
    public static final String SINK_USER = "cognitive_cdc_sink";
    /** The same local-only password for both roles: this server lives as long as the process and listens on loopback. */
    public static final String PASSWORD = "local-only";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a fresh server in a temporary data directory and creates the connector roles. */
    public static EmbeddedPostgresDatabase start() {
        return FreePorts.startWithFreshPorts("PostgreSQL", () -> {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setPort(FreePorts.pick())
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setServerConfig("wal_level", "logical")
                        .setServerConfig("max_replication_slots", "10")
                        .setServerConfig("max_wal_senders", "10")
                        .setPGStartupWait(Duration.ofSeconds(30))
                        .start();
                EmbeddedPostgresDatabase db = new EmbeddedPostgresDatabase(pg);
                db.createRoles();
                return db;
            } catch (IOException e) {
                throw new StackComponentException("PostgreSQL", "could not start", e);
            }
        });
    }

    private void createRoles() {
        execute("CREATE ROLE " + CDC_USER + " WITH LOGIN REPLICATION PASSWORD '" + PASSWORD + "'",
                "CREATE ROLE " + SINK_USER + " WITH LOGIN PASSWORD '" + PASSWORD + "'",
                "GRANT CREATE, USAGE ON SCHEMA public TO " + SINK_USER);
    }

    /** Runs statements as the superuser, in order. */
    public void execute(String... statements) {
        try (Connection connection = superuser().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new StackComponentException("PostgreSQL", "statement failed", e);
        }
    }

    /** Connections as the superuser (the demo's and tests' view of the database). */
    public DataSource superuser() {
        return postgres.getPostgresDatabase();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return postgres.getPort();
    }

    /** JDBC URL of the database the connectors use. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** A psql command line a user can paste to look at the tables. */
    public String psqlCommand() {
        return "psql 'postgresql://postgres@127.0.0.1:" + port() + "/" + DATABASE + "'";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new StackComponentException("PostgreSQL", "could not stop", e);
        }
    }
}
