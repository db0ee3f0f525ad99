package io.marketplace.keys.persistence;

import io.marketplace.platform.events.IntegrationSaved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

@ApplicationScoped
public class ClientRegistrationRepository {

    @Inject
    EntityManager entityManager;

    /** Inserts or updates the registration unless a newer event already did. */
    public void upsert(IntegrationSaved saved, Instant eventTime) {
        entityManager.createNativeQuery("""
                        INSERT INTO client_registration
                            (client_id, owner_account_id, widget_code, redirect_uri, scopes, source_event_at)
                        VALUES (?1, ?2, ?3, ?4, string_to_array(?5, ','), ?6)
                        ON CONFLICT (client_id) DO UPDATE SET
                            owner_account_id = excluded.owner_account_id, widget_code = excluded.widget_code,
                            redirect_uri = excluded.redirect_uri, scopes = excluded.scopes,
                            source_event_at = excluded.source_event_at, updated_at = now()
                        WHERE client_registration.source_event_at <= excluded.source_event_at""")
                .setParameter(1, saved.integrationId())
                .setParameter(2, saved.ownerAccountId())
                .setParameter(3, saved.code())
                .setParameter(4, saved.redirectUri())
                .setParameter(5, String.join(",", saved.scopes()))
                .setParameter(6, OffsetDateTime.ofInstant(eventTime, ZoneOffset.UTC))
                .executeUpdate();
    }

    public void delete(UUID clientId) {
        entityManager.createNativeQuery("DELETE FROM client_registration WHERE client_id = ?1")
                .setParameter(1, clientId)
                .executeUpdate();
    }
}
