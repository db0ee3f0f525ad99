package io.marketplace.platform.persistence;

import io.marketplace.platform.domain.InstallationState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

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
    DataSource dataSource;

    /** The pair's state, unchanged by others until the transaction ends (a shared lock); unknown when never heard of. */
    public InstallationState read(UUID integrationId, long accountId) {
        return Jdbc.first(dataSource,
                        "SELECT generation, active FROM installation WHERE integration_id = ? AND account_id = ? FOR SHARE",
                        row -> state(row, 1), integrationId, accountId)
                .orElse(InstallationState.UNKNOWN);
    }

    /** The pairs' states as last committed, without holding them: for a decision another check guards again later. */
    public Map<Pair, InstallationState> peek(Collection<Pair> pairs) {
        List<Pair> distinct = pairs.stream().distinct().toList();
        Map<Pair, InstallationState> states = new HashMap<>();
        distinct.forEach(pair -> states.put(pair, InstallationState.UNKNOWN));
        Jdbc.list(dataSource, """
                        SELECT s.integration_id, s.account_id, s.generation, s.active
                        FROM installation s JOIN unnest(CAST(? AS uuid[]), CAST(? AS bigint[])) AS p(i, a)
                          ON s.integration_id = p.i AND s.account_id = p.a""",
                        row -> Map.entry(new Pair(row.getObject(1, UUID.class), row.getLong(2)), state(row, 3)),
                        Jdbc.array(distinct, Pair::integrationId), Jdbc.array(distinct, Pair::accountId))
                .forEach(entry -> states.put(entry.getKey(), entry.getValue()));
        return states;
    }

    /**
     * Merges what integrations-service reported about each pair, in the order given, and answers each pair's state
     * afterwards. Rows are made if missing and then locked in a fixed order, so concurrent callers never deadlock and
     * the second one merges into what the first wrote.
     */
    public Map<Pair, InstallationState> merge(List<Map.Entry<Pair, InstallationState>> reports) {
        List<Pair> pairs = reports.stream().map(Map.Entry::getKey).distinct().sorted(Pair.ORDER).toList();
        String integrations = Jdbc.array(pairs, Pair::integrationId);
        String accounts = Jdbc.array(pairs, Pair::accountId);
        Jdbc.update(dataSource, """
                INSERT INTO installation (integration_id, account_id, generation, active)
                SELECT i, a, 0, false FROM unnest(CAST(? AS uuid[]), CAST(? AS bigint[])) AS p(i, a)
                ON CONFLICT DO NOTHING""", integrations, accounts);
        Map<Pair, InstallationState> known = new LinkedHashMap<>();
        Jdbc.list(dataSource, """
                        SELECT s.integration_id, s.account_id, s.generation, s.active
                        FROM installation s JOIN unnest(CAST(? AS uuid[]), CAST(? AS bigint[])) AS p(i, a)
                          ON s.integration_id = p.i AND s.account_id = p.a
                        ORDER BY s.integration_id, s.account_id FOR UPDATE OF s""",
                        row -> Map.entry(new Pair(row.getObject(1, UUID.class), row.getLong(2)), state(row, 3)),
                        integrations, accounts)
                .forEach(entry -> known.put(entry.getKey(), entry.getValue()));
        Map<Pair, InstallationState> merged = new LinkedHashMap<>(known);
        reports.forEach(report -> merged.merge(report.getKey(), report.getValue(), InstallationState::merge));
        List<Pair> changed = merged.keySet().stream().filter(pair -> !merged.get(pair).equals(known.get(pair))).toList();
        if (!changed.isEmpty()) {
            Jdbc.update(dataSource, """
                            UPDATE installation s SET generation = p.g, active = p.active
                            FROM unnest(CAST(? AS uuid[]), CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS boolean[]))
                                AS p(i, a, g, active)
                            WHERE s.integration_id = p.i AND s.account_id = p.a""",
                    Jdbc.array(changed, Pair::integrationId),
                    Jdbc.array(changed, Pair::accountId),
                    Jdbc.array(changed, pair -> merged.get(pair).generation()),
                    Jdbc.array(changed, pair -> merged.get(pair).active()));
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
        Jdbc.update(dataSource, "DELETE FROM installation WHERE integration_id = ?", integrationId);
    }

    /** The generation and active columns at {@code column} and the next. */
    private static InstallationState state(ResultSet row, int column) throws SQLException {
        return new InstallationState(row.getLong(column), row.getBoolean(column + 1));
    }
}
