package io.cognitivecdc.localstack.postgres;

import java.util.List;
import java.util.Objects;

/**
 * A table to capture: its name in schema {@code public}, its columns (the first is the primary key), the column
 * holding the free text to enrich, and the rows to load before capture starts.
 *
 * @param name       unqualified table name, a plain SQL identifier
 * @param columns    column definitions; the first is the primary key
 * @param textColumn the column whose text the topology enriches
 * @param rows       values in column order
 */
public record SourceTable(String name, List<Column> columns, String textColumn, List<List<Object>> rows) {

    /** A column and its PostgreSQL type. */
    public record Column(String name, String sqlType) {
    }

    public SourceTable {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("table name '" + name + "' must be a lower-case SQL identifier");
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
        if (columns.stream().noneMatch(c -> c.name().equals(textColumn))) {
            throw new IllegalArgumentException("text column '" + textColumn + "' is not a column of " + name
                    + "; columns are " + columns.stream().map(Column::name).toList());
        }
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    public String primaryKey() {
        return columns.get(0).name();
    }

    /** {@code public.<name>}, as Debezium's {@code table.include.list} names it. */
    public String qualifiedName() {
        return "public." + name;
    }

    /** The CDC topic Debezium writes this table's changes to (topic prefix {@code cdc}). */
    public String cdcTopic() {
        return "cdc.public." + name;
    }

    /** The topic the topology writes enriched rows of this table to. */
    public String enrichedTopic() {
        return "cdc.enriched." + name;
    }

    /** The table the JDBC sink upserts enriched rows into. */
    public String enrichedTable() {
        return "enriched_" + name;
    }
}
