package io.cognitivecdc.localstack.postgres;

import io.cognitivecdc.localstack.StackComponentException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Creates source tables in the embedded database and prepares them for capture: the CDC role may read them, and the
 * publication Debezium streams from is created up front (the CDC role is not their owner, so it cannot create it).
 */
public final class CapturedTables {

    /** The publication the local source connector streams {@code table} from. */
    public static String publication(SourceTable table) {
        return "cognitive_cdc_" + table.name();
    }

    private final EmbeddedPostgresDatabase database;

    public CapturedTables(EmbeddedPostgresDatabase database) {
        this.database = database;
    }

    /** Creates {@code table}, loads its rows and adds it to the publication. */
    public void create(SourceTable table) {
        String columns = table.columns().stream()
                .map(c -> c.name() + " " + c.sqlType())
                .collect(Collectors.joining(", "));
        database.execute(
                "CREATE TABLE " + table.qualifiedName() + " (" + columns + ", PRIMARY KEY (" + table.primaryKey() + "))",
                // Full before-images, so that update and delete events carry the old row as well.
                "ALTER TABLE " + table.qualifiedName() + " REPLICA IDENTITY FULL",
                "GRANT SELECT ON " + table.qualifiedName() + " TO " + EmbeddedPostgresDatabase.CDC_USER,
                "CREATE PUBLICATION " + publication(table) + " FOR TABLE " + table.qualifiedName());
        insert(table, table.rows());
    }

    /** Inserts rows (values in column order) in one transaction. */
    public void insert(SourceTable table, List<List<Object>> rows) {
        String placeholders = table.columns().stream().map(c -> "?").collect(Collectors.joining(", "));
        String sql = "INSERT INTO " + table.qualifiedName() + " VALUES (" + placeholders + ")";
        try (Connection connection = database.superuser().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (List<Object> row : rows) {
                    for (int i = 0; i < row.size(); i++) {
                        insert.setObject(i + 1, row.get(i));
                    }
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new StackComponentException("PostgreSQL", "cannot load rows into " + table.qualifiedName(), e);
        }
    }

    /** Sets the text column of the row with primary key {@code key}. */
    public void updateText(SourceTable table, Object key, String text) {
        update("UPDATE " + table.qualifiedName() + " SET " + table.textColumn() + " = ? WHERE "
                + table.primaryKey() + " = ?", text, key);
    }

    /** Sets {@code column} of the row with primary key {@code key}. */
    public void updateColumn(SourceTable table, Object key, String column, Object value) {
        if (table.columns().stream().noneMatch(c -> c.name().equals(column))) {
            throw new IllegalArgumentException(table.qualifiedName() + " has no column " + column);
        }
        update("UPDATE " + table.qualifiedName() + " SET " + column + " = ? WHERE " + table.primaryKey() + " = ?",
                value, key);
    }

    /** Deletes the row with primary key {@code key}. */
    public void delete(SourceTable table, Object key) {
        update("DELETE FROM " + table.qualifiedName() + " WHERE " + table.primaryKey() + " = ?", key);
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = database.superuser().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StackComponentException("PostgreSQL", "statement failed: " + sql, e);
        }
    }
}
