package io.cognitivecdc.cdc;

import java.util.Objects;

/**
 * Where a change came from: the envelope's {@code source} block, reduced to what every connector provides.
 *
 * @param connector Debezium's connector name: {@code postgresql} or {@code sqlserver}
 * @param db        database name
 * @param schema    schema name (may be {@code null} for connectors without schemas)
 * @param table     table name
 * @param position  position of the change in the source's log, rendered so that plain string comparison orders
 *                  changes of one source database: PostgreSQL's {@code lsn} as 16 hex digits; SQL Server's
 *                  {@code commit_lsn}, {@code change_lsn} and {@code event_serial_no} joined by {@code /}.
 *                  Empty when the connector reports no position. Positions of different databases are not comparable.
 * @param tsMs      time of the change at the source database, epoch milliseconds
 */
public record SourceInfo(String connector, String db, String schema, String table, String position, long tsMs) {

    /** Connector name Debezium's PostgreSQL connector writes into {@code source.connector}. */
    public static final String POSTGRESQL = "postgresql";
    /** Connector name Debezium's SQL Server connector writes into {@code source.connector}. */
    public static final String SQLSERVER = "sqlserver";

    /** Checks that the table and the position (possibly empty) are present. */
    public SourceInfo {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(position, "position");
    }

    /** The table as {@code schema.table}, or just the table when there is no schema. */
    public String qualifiedTable() {
        return schema == null || schema.isEmpty() ? table : schema + "." + table;
    }
}
