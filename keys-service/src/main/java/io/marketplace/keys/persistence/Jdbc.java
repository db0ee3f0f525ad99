package io.marketplace.keys.persistence;

import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC for the statements the token endpoint runs at every refresh. Inside a transaction the pool hands out the
 * transaction's own connection, so they see its writes; outside one each statement commits on its own, which lets a
 * refresh, one statement, run without a transaction manager (see {@code TokenService#token}).
 */
final class Jdbc {

    /** Reads the current row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /** The first row {@code sql} answers with {@code parameters} bound in order. */
    static <T> Optional<T> first(DataSource dataSource, String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(row.read(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            // the SQLException stays the cause: its SQLSTATE tells a retryable failure (503) from a bug (500)
            throw new PersistenceException(e.getMessage(), e);
        }
    }
}
