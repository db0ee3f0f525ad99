package io.marketplace.platform.persistence;

import io.marketplace.platform.domain.InstallationState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service's projection of integrations-service's installations: table {@code installation (integration_id,
 * account_id, generation, active)} in the service's own schema, created by its migrations. Runs in its callers'
 * transactions. Changes merge under a row lock, so concurrent reports of one pair take turns and none is lost.
 */
@ApplicationScoped
public class InstallationStateRepository {

    /** One (integration, account). */
    public record Pair(UUID integrationId, long accountId) {
        static final Comparator<Pair> ORDER = Comparator.comparing(Pair::integrationId).thenComparingLong(Pair::accountId);
    }

    @Inject
    EntityManager entityManager;

    /** The pair's state, unchanged by others until the transaction ends (a shared lock); unknown when never heard of. */
    public InstallationState read(UUID integrationId, long accountId) {
        return select(integrationId, accountId, " FOR SHARE");
    }

    /** The pair's state as last committed, without holding it: for a decision another check guards again later. */
    public InstallationState peek(UUID integrationId, long accountId) {
        return select(integrationId, accountId, "");
    }

    private InstallationState select(UUID integrationId, long accountId, String lock) {
        List<?> rows = entityManager.createNativeQuery(
                        "SELECT generation, active FROM installation WHERE integration_id = ?1 AND account_id = ?2" + lock)
                .setParameter(1, integrationId)
                .setParameter(2, accountId)
                .getResultList();
        return rows.stream().findFirst().map(row -> state(((Object[]) row)[0], ((Object[]) row)[1])).orElse(InstallationState.UNKNOWN);
    }

    /**
     * Merges what integrations-service reported about each pair, in the order given, and answers each pair's state
     * afterwards. Rows are made if missing and then locked in a fixed order, so concurrent callers never deadlock and
     * the second one merges into what the first wrote.
     */
    @SuppressWarnings("unchecked")
    public Map<Pair, InstallationState> merge(List<Map.Entry<Pair, InstallationState>> reports) {
        List<Pair> pairs = reports.stream().map(Map.Entry::getKey).distinct().sorted(Pair.ORDER).toList();
        String[] integrations = pairs.stream().map(pair -> pair.integrationId().toString()).toArray(String[]::new);
        Long[] accounts = pairs.stream().map(Pair::accountId).toArray(Long[]::new);
        entityManager.createNativeQuery("""
                        INSERT INTO installation (integration_id, account_id, generation, active)
                        SELECT i, a, 0, false FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS bigint[])) AS p(i, a)
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, integrations).setParameter(2, accounts).executeUpdate();
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT s.integration_id, s.account_id, s.generation, s.active
                        FROM installation s JOIN unnest(CAST(?1 AS uuid[]), CAST(?2 AS bigint[])) AS p(i, a)
                          ON s.integration_id = p.i AND s.account_id = p.a
                        ORDER BY s.integration_id, s.account_id FOR UPDATE OF s""")
                .setParameter(1, integrations).setParameter(2, accounts).getResultList();
        Map<Pair, InstallationState> known = new LinkedHashMap<>();
        rows.forEach(row -> known.put(new Pair((UUID) row[0], ((Number) row[1]).longValue()), state(row[2], row[3])));
        Map<Pair, InstallationState> merged = new LinkedHashMap<>(known);
        reports.forEach(report -> merged.merge(report.getKey(), report.getValue(), InstallationState::merge));
        List<Pair> changed = merged.keySet().stream().filter(pair -> !merged.get(pair).equals(known.get(pair))).toList();
        if (!changed.isEmpty()) {
            entityManager.createNativeQuery("""
                            UPDATE installation s SET generation = p.g, active = p.active
                            FROM unnest(CAST(?1 AS uuid[]), CAST(?2 AS bigint[]), CAST(?3 AS bigint[]), CAST(?4 AS boolean[]))
                                AS p(i, a, g, active)
                            WHERE s.integration_id = p.i AND s.account_id = p.a""")
                    .setParameter(1, changed.stream().map(pair -> pair.integrationId().toString()).toArray(String[]::new))
                    .setParameter(2, changed.stream().map(Pair::accountId).toArray(Long[]::new))
                    .setParameter(3, changed.stream().map(pair -> merged.get(pair).generation()).toArray(Long[]::new))
                    .setParameter(4, changed.stream().map(pair -> merged.get(pair).active()).toArray(Boolean[]::new))
                    .executeUpdate();
        }
        return merged;
    }

    /** Merges one report about one pair; answers the pair's state afterwards. */
    public InstallationState merge(UUID integrationId, long accountId, InstallationState reported) {
        Pair pair = new Pair(integrationId, accountId);
        return merge(List.of(Map.entry(pair, reported))).get(pair);
    }

    /** An integration that is deleted takes what was known of its installations with it. */
    public void forget(UUID integrationId) {
        entityManager.createNativeQuery("DELETE FROM installation WHERE integration_id = ?1")
                .setParameter(1, integrationId).executeUpdate();
    }

    private static InstallationState state(Object generation, Object active) {
        return new InstallationState(((Number) generation).longValue(), (Boolean) active);
    }
}
