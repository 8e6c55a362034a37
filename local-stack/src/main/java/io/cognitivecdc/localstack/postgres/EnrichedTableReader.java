package io.cognitivecdc.localstack.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the table the JDBC sink writes, as a user would query it. The sink creates the table with its first record,
 * so until then the table simply counts as empty.
 */
public final class EnrichedTableReader {

    private final EmbeddedPostgresDatabase database;
    private final String table;
    private final String keyColumn;

    public EnrichedTableReader(EmbeddedPostgresDatabase database, String table, String keyColumn) {
        this.database = database;
        this.table = table;
        this.keyColumn = keyColumn;
    }

    /** Number of rows, 0 while the table does not exist yet. */
    public int count() {
        List<Map<String, Object>> rows = query("SELECT count(*) AS n FROM " + table);
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("n")).intValue();
    }

    /** The row with primary key {@code key}, or null. */
    public Map<String, Object> row(Object key) {
        List<Map<String, Object>> rows = query("SELECT * FROM " + table + " WHERE " + keyColumn + " = ?", key);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The first {@code limit} rows in key order. */
    public List<Map<String, Object>> firstRows(int limit) {
        return query("SELECT * FROM " + table + " ORDER BY " + keyColumn + " LIMIT " + limit);
    }

    private List<Map<String, Object>> query(String sql, Object... parameters) {
        try (Connection connection = database.superuser().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return List.of();
            }
            throw new IllegalStateException("query on " + table + " failed: " + e.getMessage(), e);
        }
    }
}
