package io.marketplace.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox's dead letters: events a neighbour refused for good ({@link OutboxRelay}). Operators list and replay
 * them; a service shows those about an integration to its owner. Kept until replayed.
 */
@ApplicationScoped
public class DeadLetters {

    @Inject
    DataSource dataSource;

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
        return Jdbc.list(dataSource, COLUMNS + """
                         WHERE dead_at IS NOT NULL AND (CAST(? AS text) IS NULL OR destination = ?)
                        ORDER BY dead_at, id LIMIT ? OFFSET ?""",
                this::read, destination, destination, page.limit() + 1, page.offset());
    }

    /** The dead letters whose data names one of these integrations ({@code integration_id}), by integration. */
    @Transactional
    public Map<UUID, List<DeadLetter>> aboutIntegrations(Collection<UUID> integrationIds) {
        if (integrationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<DeadLetter>> byIntegration = new LinkedHashMap<>();
        Jdbc.list(dataSource, COLUMNS + """
                         WHERE dead_at IS NOT NULL AND payload ->> 'integration_id' = ANY(CAST(? AS text[]))
                        ORDER BY dead_at, id""", this::read, Jdbc.array(integrationIds))
                .forEach(letter -> byIntegration.computeIfAbsent(UUID.fromString(letter.data().path("integration_id").asText()),
                        id -> new ArrayList<>()).add(letter));
        return byIntegration;
    }

    /** Sends a dead letter again (the relay picks it up at once); false if there is no such dead letter. */
    @Transactional
    public boolean replay(UUID eventId) {
        return replay("event_id = ?", eventId) == 1;
    }

    /** Sends every dead letter of a destination again (all of them if null); answers how many. */
    @Transactional
    public int replayAll(String destination) {
        return replay("(CAST(? AS text) IS NULL OR destination = ?)", destination, destination);
    }

    private int replay(String condition, Object... parameters) {
        int replayed = Jdbc.update(dataSource, """
                        UPDATE outbox SET dead_at = NULL, next_attempt_at = now()
                        WHERE dead_at IS NOT NULL AND %s""".formatted(condition), parameters);
        relay.wakeUpAfterCommit();
        return replayed;
    }

    private DeadLetter read(ResultSet r) throws SQLException {
        return new DeadLetter(r.getObject(1, UUID.class), r.getString(2), r.getString(3), Jdbc.instant(r, 4),
                Jdbc.instant(r, 5), r.getInt(6), r.getString(7), readTree(r.getString(8)));
    }

    private JsonNode readTree(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An outbox row holds invalid JSON", e);
        }
    }
}
