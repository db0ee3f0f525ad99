package io.marketplace.keys.persistence;

import io.marketplace.platform.events.IntegrationSaved;
import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class ClientRegistrationRepository {

    @Inject
    DataSource dataSource;

    /** Inserts or updates the registration unless a newer event already did. */
    public void upsert(IntegrationSaved saved, Instant eventTime) {
        Jdbc.update(dataSource, """
                        INSERT INTO client_registration
                            (client_id, owner_account_id, widget_code, redirect_uri, scopes, source_event_at)
                        VALUES (?, ?, ?, ?, CAST(? AS text[]), ?)
                        ON CONFLICT (client_id) DO UPDATE SET
                            owner_account_id = excluded.owner_account_id, widget_code = excluded.widget_code,
                            redirect_uri = excluded.redirect_uri, scopes = excluded.scopes,
                            source_event_at = excluded.source_event_at, updated_at = now()
                        WHERE client_registration.source_event_at <= excluded.source_event_at""",
                saved.integrationId(), saved.ownerAccountId(), saved.code(), saved.redirectUri(),
                Jdbc.array(saved.scopes()), eventTime);
    }

    public void delete(UUID clientId) {
        Jdbc.update(dataSource, "DELETE FROM client_registration WHERE client_id = ?", clientId);
    }
}
