package io.marketplace.platform.persistence;

import java.sql.SQLException;

/**
 * A statement of {@link Jdbc} failed. Unchecked, so a transaction rolls back; the {@link SQLException} stays the cause,
 * since its SQLSTATE tells a failure a retry can cure (a 503) from a bug (a 500).
 */
public class DatabaseException extends RuntimeException {

    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
