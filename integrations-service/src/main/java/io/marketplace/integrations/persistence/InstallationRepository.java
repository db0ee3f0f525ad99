package io.marketplace.integrations.persistence;

import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Accounts' installations of integrations, in plain JDBC: no entity maps it, and Hibernate's native queries cost more CPU than these
 * statements themselves on the install path.
 */
@ApplicationScoped
public class InstallationRepository {

    @Inject
    DataSource dataSource;

    /** {@code generation} counts the pair's installs: each install starts a new one, a disable ends it. */
    public record Installation(UUID integrationId, long accountId, String language, boolean active, long generation,
            Instant installedAt) {

        static Installation read(ResultSet row) throws SQLException {
            return new Installation(row.getObject(1, UUID.class), row.getLong(2), row.getString(3), row.getBoolean(4),
                    row.getLong(5), Jdbc.instant(row, 6));
        }
    }

    /** The row as this transaction sees it (after {@link #activate}, which holds it). */
    public Optional<Installation> find(UUID integrationId, long accountId) {
        return Jdbc.first(dataSource, COLUMNS + " WHERE integration_id = ? AND account_id = ?", Installation::read,
                integrationId, accountId);
    }

    /**
     * What an install did: the integration as its events name it, and the generation it started, or none if the
     * installation was active already.
     */
    public record Activation(InstallableIntegration integration, OptionalLong generation) {
    }

    /**
     * Installs, or re-activates a disabled installation as its next generation; empty if the integration is gone. One
     * statement holds the integration until the transaction ends (a key-share lock: other changes of its row go on, a
     * delete waits for the install or the install finds it gone) and reads what the events name of it. The
     * installation row is locked either way (an upsert locks the row it conflicts with even when its condition leaves
     * it unchanged), so that two concurrent installs of the same pair take turns.
     */
    public Optional<Activation> activate(UUID integrationId, long accountId, String language, String subdomain, String user,
            Instant at) {
        return Jdbc.first(dataSource, """
                        WITH held AS (
                            SELECT id, code, owner_account_id, redirect_uri, revoke_url FROM integration WHERE id = ?
                            FOR KEY SHARE),
                        activated AS (
                            INSERT INTO installation (integration_id, account_id, language, account_subdomain, installed_by,
                                                      active, generation, installed_at)
                            SELECT id, ?, ?, ?, ?, true, 1, ? FROM held
                            ON CONFLICT (integration_id, account_id) DO UPDATE SET language = excluded.language,
                                account_subdomain = excluded.account_subdomain, installed_by = excluded.installed_by,
                                active = true, generation = installation.generation + 1, installed_at = excluded.installed_at,
                                disabled_at = NULL
                            WHERE NOT installation.active
                            RETURNING generation)
                        SELECT code, owner_account_id, redirect_uri, revoke_url, (SELECT generation FROM activated) FROM held""",
                row -> new Activation(new InstallableIntegration(integrationId, row.getString(1), row.getLong(2),
                        row.getString(3), row.getString(4)),
                        row.getObject(5) == null ? OptionalLong.empty() : OptionalLong.of(row.getLong(5))),
                integrationId, accountId, language, subdomain, user, at);
    }

    /** An installation's end: the generation it ended, its language, and what the events name of its integration. */
    public record Ended(long generation, String language, InstallableIntegration integration) {
    }

    /** Disables an active installation; empty if there was none. */
    public Optional<Ended> disable(UUID integrationId, long accountId, Instant at) {
        return Jdbc.first(dataSource, """
                        UPDATE installation s SET active = false, disabled_at = ?
                        FROM integration i
                        WHERE s.integration_id = ? AND s.account_id = ? AND s.active AND i.id = s.integration_id
                        RETURNING s.generation, s.language, i.code, i.owner_account_id, i.redirect_uri, i.revoke_url""",
                row -> new Ended(row.getLong(1), row.getString(2), new InstallableIntegration(integrationId,
                        row.getString(3), row.getLong(4), row.getString(5), row.getString(6))),
                at, integrationId, accountId);
    }

    /** Removes every installation of an integration (it is being deleted); answers them as they were. */
    public List<Installation> removeAll(UUID integrationId) {
        return Jdbc.list(dataSource, """
                        DELETE FROM installation WHERE integration_id = ?
                        RETURNING integration_id, account_id, language, active, generation, installed_at""",
                Installation::read, integrationId);
    }

    /** The account's active installations, newest first. */
    public List<Installation> active(long accountId) {
        return Jdbc.list(dataSource, COLUMNS + " WHERE account_id = ? AND active ORDER BY installed_at DESC",
                Installation::read, accountId);
    }

    private static final String COLUMNS =
            "SELECT integration_id, account_id, language, active, generation, installed_at FROM installation";
}
