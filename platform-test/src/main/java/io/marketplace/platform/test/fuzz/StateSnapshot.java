package io.marketplace.platform.test.fuzz;

import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** A digest of every row of the service's schema, table by table: two equal snapshots mean nothing was written. */
final class StateSnapshot {

    private final DataSource dataSource;
    private final String query;

    StateSnapshot(String schema, Set<String> ignoredTables) {
        this.dataSource = Arc.container().instance(DataSource.class).get();
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    if (!table.startsWith("flyway_") && !ignoredTables.contains(table)) {
                        tables.add(table);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        this.query = tables.stream()
                .map(table -> "SELECT '" + table + "', md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"
                        + " FROM \"" + schema + "\".\"" + table + "\" t")
                .collect(Collectors.joining(" UNION ALL "));
    }

    Map<String, String> take() {
        Map<String, String> digests = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                digests.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }

    static List<String> changedTables(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(table -> !before.get(table).equals(after.get(table))).toList();
    }
}
