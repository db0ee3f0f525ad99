package io.marketplace.platform.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** What a PostgreSQL restart does to a running service, for tests that check it answers 503 and recovers. */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    /**
     * Ends every other session of the service's database, so each connection in its pool is dead the next time it is
     * used. Runs on a connection of its own, outside the pool, or the pool would keep that one alive. Flush the pool
     * afterwards ({@code AgroalDataSource.flush}) so that no dead connection is left for the next test.
     */
    public static void cutEveryPooledConnection() throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection outside = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            outside.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
    }
}
