package io.marketplace.integrations;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V10 sends stats-service every integration created before integrations-service announced new ones to it, once: a
 * deployment upgraded on 2026-12-02 then answers the statistics of its older integrations too. A migration runs once,
 * on a database that has data, so it is tested on one: migrated to V9, given integrations, then to V10.
 */
class StatsServiceLearnsIntegrationsMigrationTest {

    private static final String DATABASE = "jdbc:postgresql://localhost:5432/postgres";

    @Test
    void sendsEveryIntegrationSavedBeforeItToStatsServiceThroughTheOutbox() throws Exception {
        String schema = "test_migration_v10_" + ProcessHandle.current().pid();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        try {
            flyway(schema, "9").migrate();
            try (Connection connection = connect(schema); Statement sql = connection.createStatement()) {
                sql.execute(insert(first, 1001, "olderOne"));
                sql.execute(insert(second, 1002, "olderTwo"));
            }

            flyway(schema, "10").migrate();

            List<JsonNode> announced = new ArrayList<>();
            try (Connection connection = connect(schema); Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT payload FROM outbox WHERE destination = 'stats-service'"
                            + " AND type = 'integration.saved' AND delivered_at IS NULL ORDER BY payload->>'code'")) {
                while (rows.next()) {
                    announced.add(new ObjectMapper().readTree(rows.getString(1)));
                }
            }
            assertThat(announced.stream().map(event -> event.get("code").asText()).toList(), contains("olderOne", "olderTwo"));
            JsonNode one = announced.get(0);
            assertThat(one.get("integration_id").asText(), equalTo(first.toString()));
            assertThat(one.get("owner_account_id").asLong(), equalTo(1001L));
            assertThat(one.get("redirect_uri").asText(), equalTo("https://dev.example.com/oauth/callback"));
            assertThat(one.get("scopes").toString(), equalTo("[\"crm\",\"notifications\"]"));
        } finally {
            try (Connection connection = DriverManager.getConnection(DATABASE, "postgres", "");
                    Statement sql = connection.createStatement()) {
                sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static Flyway flyway(String schema, String target) {
        return Flyway.configure().dataSource(DATABASE, "postgres", "").schemas(schema).createSchemas(true)
                .locations("db/platform", "db/migration").outOfOrder(true).target(target).load();
    }

    private static Connection connect(String schema) throws Exception {
        return DriverManager.getConnection(DATABASE + "?currentSchema=" + schema, "postgres", "");
    }

    private static String insert(UUID id, long owner, String code) {
        return """
                INSERT INTO integration (id, owner_account_id, code, redirect_uri, scopes, languages, created_at, updated_at)
                VALUES ('%s', %d, '%s', 'https://dev.example.com/oauth/callback', ARRAY['crm', 'notifications'],
                        ARRAY['en'], now(), now())""".formatted(id, owner, code);
    }
}
