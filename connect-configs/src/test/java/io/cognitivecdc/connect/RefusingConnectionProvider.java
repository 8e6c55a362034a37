package io.cognitivecdc.connect;

import java.sql.Connection;
import java.sql.SQLException;

import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

/**
 * Stands in for the sink's connection pool so that statements are rendered without a database. The dialect asks
 * once, at start, for the database time zone and falls back to "N/A" when refused; rendering never asks.
 */
final class RefusingConnectionProvider implements ConnectionProvider {

    @Override
    public Connection getConnection() throws SQLException {
        throw new SQLException("offline rendering must not open a connection");
    }

    @Override
    public void closeConnection(Connection connection) {
        throw new IllegalStateException("no connection was ever handed out");
    }

    @Override
    public boolean supportsAggressiveRelease() {
        return false;
    }

    @Override
    public boolean isUnwrappableAs(Class<?> type) {
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
