package io.marketplace.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.persistence.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outbox's dead letters: events a neighbour refused for good ({@link OutboxRelay}). Operators list and replay
 * them; a service shows those about an integration to its owner. Kept until replayed.
 */
@ApplicationScoped
public class DeadLetters {

    @Inject
    EntityManager entityManager;

    @Inject
    OutboxRelay relay;

    @Inject
    ObjectMapper json;

    /** An event set aside, with the neighbour's refusal; {@code data} is what was to be sent. */
    public record DeadLetter(UUID eventId, String destination, String type, Instant occurredAt, Instant deadAt,
            int attempts, String error, JsonNode data) {
    }

    private static final String COLUMNS = """
            SELECT event_id, destination, type, occurred_at, dead_at, attempts, last_error, CAST(payload AS text)
            FROM outbox""";

    /** Oldest first, optionally of one destination; one more than the page's limit, to tell whether another follows. */
    @Transactional
    public List<DeadLetter> page(String destination, PageRequest page) {
        return rows(entityManager.createNativeQuery(COLUMNS + """
                         WHERE dead_at IS NOT NULL AND (CAST(?1 AS text) IS NULL OR destination = ?1)
                        ORDER BY dead_at, id LIMIT ?2 OFFSET ?3""")
                .setParameter(1, destination).setParameter(2, page.limit() + 1).setParameter(3, page.offset()));
    }

    /** The dead letters whose data names one of these integrations ({@code integration_id}), by integration. */
    @Transactional
    public Map<UUID, List<DeadLetter>> aboutIntegrations(Collection<UUID> integrationIds) {
        if (integrationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<DeadLetter>> byIntegration = new LinkedHashMap<>();
        rows(entityManager.createNativeQuery(COLUMNS + """
                         WHERE dead_at IS NOT NULL AND payload ->> 'integration_id' = ANY(CAST(?1 AS text[]))
                        ORDER BY dead_at, id""")
                .setParameter(1, integrationIds.stream().map(UUID::toString).toArray(String[]::new)))
                .forEach(letter -> byIntegration.computeIfAbsent(UUID.fromString(letter.data().path("integration_id").asText()),
                        id -> new ArrayList<>()).add(letter));
        return byIntegration;
    }

    /** Sends a dead letter again (the relay picks it up at once); false if there is no such dead letter. */
    @Transactional
    public boolean replay(UUID eventId) {
        return replay("event_id = CAST(?1 AS uuid)", eventId.toString()) == 1;
    }

    /** Sends every dead letter of a destination again (all of them if null); answers how many. */
    @Transactional
    public int replayAll(String destination) {
        return replay("(CAST(?1 AS text) IS NULL OR destination = ?1)", destination);
    }

    private int replay(String condition, String value) {
        int replayed = entityManager.createNativeQuery("""
                        UPDATE outbox SET dead_at = NULL, next_attempt_at = now()
                        WHERE dead_at IS NOT NULL AND %s""".formatted(condition))
                .setParameter(1, value)
                .executeUpdate();
        relay.wakeUpAfterCommit();
        return replayed;
    }

    @SuppressWarnings("unchecked")
    private List<DeadLetter> rows(Query query) {
        return ((List<Object[]>) query.getResultList()).stream().map(r -> new DeadLetter((UUID) r[0], (String) r[1],
                (String) r[2], SqlValues.instant(r[3]), SqlValues.instant(r[4]), ((Number) r[5]).intValue(), (String) r[6],
                readTree((String) r[7]))).toList();
    }

    private JsonNode readTree(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An outbox row holds invalid JSON", e);
        }
    }
}
