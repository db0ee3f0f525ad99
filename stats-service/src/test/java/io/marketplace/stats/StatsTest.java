package io.marketplace.stats;

import static io.marketplace.stats.StatsFixtures.event;
import static io.marketplace.stats.StatsFixtures.newAccount;
import static io.marketplace.stats.StatsFixtures.send;
import static io.marketplace.platform.test.DatabaseOutage.cutEveryPooledConnection;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.Prometheus;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A hand-computed dataset (all times UTC), integration owned by {@code owner}:
 * 2026-03-01 en: install A, install B        2026-03-02: nothing
 * 2026-03-03 en: uninstall A; es: install C  2026-03-04 es: uninstall C (a day of uninstalls only)
 * 2026-03-05 en: install A again (the same account installs twice)
 */
@QuarkusTest
class StatsTest {

    private static final long A = 501;
    private static final long B = 502;
    private static final long C = 503;

    @Inject
    AgroalDataSource dataSource;

    private static RequestSpecification asAdmin(long account) {
        return given().auth().oauth2(TestTokens.technicalAdmin(account));
    }

    private static UUID dataset(long owner) {
        UUID integration = UUID.randomUUID();
        send(event("installation.enabled", integration, owner, A, "en", Instant.parse("2026-03-01T09:00:00Z")),
                event("installation.enabled", integration, owner, B, "en", Instant.parse("2026-03-01T23:59:59Z")),
                event("installation.disabled", integration, owner, A, "en", Instant.parse("2026-03-03T00:00:00Z")),
                event("installation.enabled", integration, owner, C, "es", Instant.parse("2026-03-03T12:00:00Z")))
                .statusCode(200).body("processed", equalTo(4));
        // out of order: these arrive after, and happened in between or later
        send(event("installation.enabled", integration, owner, A, "en", Instant.parse("2026-03-05T08:00:00Z")),
                event("installation.disabled", integration, owner, C, "es", Instant.parse("2026-03-04T10:00:00Z")))
                .statusCode(200);
        return integration;
    }

    @Test
    void computesEverySeriesPeriodAndMetricOfTheDataset() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        asAdmin(owner).queryParam("from", "2026-03-01").queryParam("to", "2026-03-05")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200)
                .body("widget_code", equalTo("crm_sync"))
                .body("languages", contains("en", "es"))
                .body("interval", equalTo("day"))
                .body("series.period", contains("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"))
                .body("series.installs", contains(2, 0, 1, 0, 1))
                .body("series.uninstalls", contains(0, 0, 1, 1, 0))
                .body("metrics.installs", equalTo(4))
                .body("metrics.uninstalls", equalTo(2))
                .body("metrics.net", equalTo(2))
                .body("metrics.active_installations", equalTo(2))
                .body("metrics.distinct_accounts", equalTo(3));
    }

    /** Events queued in an outbox before the rename of install and uninstall still count (ARCHITECTURE.md). */
    @Test
    void refusesAnEventWhoseAccountIdIsAStringAndCountsNothing() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        String quoted = event("installation.enabled", integration, owner, 4242, "en", Instant.now())
                .replace("\"account_id\": 4242", "\"account_id\": \"4242\"");
        send(quoted).statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("events[0].data.account_id"));
        asAdmin(owner).when().get("/api/v1/integrations/{id}/stats", integration).then().statusCode(404);
    }

    @Test
    void countsEventsQueuedUnderTheirFormerNames() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        send(event("install", integration, owner, A, "en", Instant.parse("2026-04-01T09:00:00Z")),
                event("uninstall", integration, owner, A, "en", Instant.parse("2026-04-02T09:00:00Z")))
                .statusCode(200).body("processed", equalTo(2));

        asAdmin(owner).queryParam("from", "2026-04-01").queryParam("to", "2026-04-02")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200)
                .body("metrics.installs", equalTo(1))
                .body("metrics.uninstalls", equalTo(1));
    }

    @Test
    void countsEachLanguageSeparately() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        asAdmin(owner).queryParam("from", "2026-03-01").queryParam("to", "2026-03-05").queryParam("lang", "es")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200)
                .body("language", equalTo("es"))
                .body("series.installs", contains(0, 0, 1, 0, 0))
                .body("series.uninstalls", contains(0, 0, 0, 1, 0))
                .body("metrics.net", equalTo(0))
                .body("metrics.active_installations", equalTo(0))
                .body("metrics.distinct_accounts", equalTo(1));
    }

    @Test
    void activeInstallationsCountEverythingBeforeTheRange() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        asAdmin(owner).queryParam("from", "2026-03-04").queryParam("to", "2026-03-04")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200)
                .body("series", hasSize(1))
                .body("metrics.installs", equalTo(0))
                .body("metrics.uninstalls", equalTo(1))
                .body("metrics.net", equalTo(-1))
                .body("metrics.active_installations", equalTo(1));
    }

    @Test
    void groupsByWeekAndMonthWithEveryPeriodPresent() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        asAdmin(owner).queryParam("from", "2026-02-20").queryParam("to", "2026-03-10").queryParam("interval", "week")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200)
                .body("series.period", contains("2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09"))
                .body("series.installs", contains(0, 2, 2, 0))
                .body("series.uninstalls", contains(0, 0, 2, 0));
        asAdmin(owner).queryParam("from", "2026-01-15").queryParam("to", "2026-04-15").queryParam("interval", "month")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200)
                .body("series.period", contains("2026-01-01", "2026-02-01", "2026-03-01", "2026-04-01"))
                .body("series.installs", contains(0, 0, 4, 0));
    }

    @Test
    void aBatchCutOffFromTheDatabaseIsA503AndCountedOnceWhenSentAgain() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        List<String> batch = List.of(
                event("installation.enabled", integration, owner, 801, "tr", Instant.parse("2026-06-01T10:00:00Z")),
                event("installation.enabled", integration, owner, 802, "tr", Instant.parse("2026-06-01T11:00:00Z")));
        for (int i = 0; i < 4; i++) {
            // fills the pool with connections that are about to die
            asAdmin(owner).when().get("/api/v1/integrations/{id}/stats", integration).then().statusCode(404);
        }
        cutEveryPooledConnection();
        try {
            // what the sender's outbox relay does: send the batch again until it is taken
            List<Integer> statuses = new ArrayList<>();
            while (statuses.isEmpty() || statuses.get(statuses.size() - 1) != 200 && statuses.size() < 30) {
                ExtractableResponse<Response> answer = send(batch).extract();
                statuses.add(answer.statusCode());
                if (answer.statusCode() != 200) {
                    assertThat(answer.body().asString(), answer.statusCode(), equalTo(503));
                    assertThat(answer.contentType(), startsWith("application/problem+json"));
                    assertThat(answer.header("Retry-After"), equalTo("1"));
                }
            }
            assertThat(statuses.get(0), equalTo(503));
            assertThat(statuses.get(statuses.size() - 1), equalTo(200));
        } finally {
            dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL); // no dead connection is left for the next test
        }
        // the refused attempts stored nothing: each install is counted once
        asAdmin(owner).queryParam("from", "2026-06-01").queryParam("to", "2026-06-01")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200).body("metrics.installs", equalTo(2));
        send(batch).statusCode(200).body("duplicates", equalTo(2));
    }

    @Test
    void statisticsCutOffFromTheDatabaseAreA503ThenServedAgain() throws Exception {
        long owner = newAccount();
        UUID integration = dataset(owner);
        for (int i = 0; i < 4; i++) {
            asAdmin(owner).when().get("/api/v1/integrations/{id}/stats", integration).then().statusCode(200);
        }
        cutEveryPooledConnection();
        try {
            asAdmin(owner).when().get("/api/v1/integrations/{id}/stats", integration)
                    .then().statusCode(503).contentType(startsWith("application/problem+json")).header("Retry-After", "1");
        } finally {
            dataSource.flush(AgroalDataSource.FlushMode.GRACEFUL);
        }
        asAdmin(owner).queryParam("from", "2026-03-01").queryParam("to", "2026-03-05")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200).body("metrics.installs", equalTo(4));
    }

    @Test
    void aBatchBehindAHeldLockIsA503AfterTheLockTimeoutAndCountedOnceWhenSentAgain() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        Instant day = Instant.parse("2026-07-01T10:00:00Z");
        send(event("installation.enabled", integration, owner, 701, "id", day)).statusCode(200);
        List<String> batch = List.of(event("installation.enabled", integration, owner, 702, "id", day.plusSeconds(60)));
        try (Connection outside = dataSource.getConnection()) {
            outside.setAutoCommit(false);
            // a transaction that holds the day's counters and does not end
            try (PreparedStatement hold = outside.prepareStatement(
                    "SELECT 1 FROM daily_installs WHERE integration_id = ? FOR UPDATE")) {
                hold.setObject(1, integration);
                hold.executeQuery().close();
            }
            ExtractableResponse<Response> answer = CompletableFuture.supplyAsync(() -> send(batch).extract())
                    .get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode(), equalTo(503));
            assertThat(answer.header("Retry-After"), equalTo("1"));
            outside.rollback();
        }
        send(batch).statusCode(200).body("processed", equalTo(1));
        asAdmin(owner).queryParam("from", "2026-07-01").queryParam("to", "2026-07-01")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200).body("metrics.installs", equalTo(2));
    }

    @Test
    void aReplayedBatchChangesNothingAndIsCountedAsDuplicates() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(event("installation.enabled", integration, owner, 900 + i, "pt", Instant.parse("2026-05-01T10:00:00Z")));
        }
        double applied = Prometheus.value("marketplace_inbox_events_total", "type", "installation.enabled", "result", "applied");
        double duplicates = Prometheus.value("marketplace_inbox_events_total", "type", "installation.enabled", "result", "duplicate");
        send(batch).statusCode(200).body("processed", equalTo(3));
        send(batch).statusCode(200).body("processed", equalTo(0)).body("duplicates", equalTo(3));
        // events ingested, as operators see them
        assertThat(Prometheus.value("marketplace_inbox_events_total", "type", "installation.enabled", "result", "applied"), equalTo(applied + 3));
        assertThat(Prometheus.value("marketplace_inbox_events_total", "type", "installation.enabled", "result", "duplicate"),
                equalTo(duplicates + 3));

        asAdmin(owner).queryParam("from", "2026-05-01").queryParam("to", "2026-05-01")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().body("metrics.installs", equalTo(3));
    }

    @Test
    void concurrentMixedBatchesOverTheSameDaysAreAllCounted() throws Exception {
        long owner = newAccount();
        List<UUID> integrations = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        int batches = 8;
        int perBatch = 300;
        ExecutorService clients = Executors.newFixedThreadPool(batches);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                int seed = b;
                statuses.add(clients.submit(() -> {
                    List<String> events = new ArrayList<>();
                    for (int i = 0; i < perBatch; i++) {
                        // every batch touches every integration and day, installs and uninstalls interleaved
                        String type = (i + seed) % 3 == 0 ? "installation.disabled" : "installation.enabled";
                        events.add(event(type, integrations.get(i % 3), owner, 10_000 + seed * perBatch + i, "en",
                                Instant.parse("2026-06-01T00:00:00Z").plusSeconds(86_400L * (i % 5))));
                    }
                    return send(events).extract().statusCode();
                }));
            }
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get());
            }
        } finally {
            clients.shutdown();
        }

        int total = 0;
        for (UUID integration : integrations) {
            total += asAdmin(owner).queryParam("from", "2026-06-01").queryParam("to", "2026-06-05")
                    .when().get("/api/v1/integrations/{id}/stats", integration)
                    .then().statusCode(200).extract().<Integer>path("metrics.installs")
                    + asAdmin(owner).queryParam("from", "2026-06-01").queryParam("to", "2026-06-05")
                    .when().get("/api/v1/integrations/{id}/stats", integration)
                    .then().extract().<Integer>path("metrics.uninstalls");
        }
        assertEquals(batches * perBatch, total);
    }

    @Test
    void aBadEventRejectsTheWholeBatchAndStoresNothing() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        String good = event("installation.enabled", integration, owner, 1, "en", Instant.parse("2026-05-02T10:00:00Z"));
        String unknownLanguage = event("installation.enabled", integration, owner, 2, "de", Instant.parse("2026-05-02T10:00:00Z"));
        String missingAccount = event("installation.enabled", integration, owner, 3, "en", Instant.parse("2026-05-02T10:00:00Z"))
                .replace("\"account_id\": 3,", "");
        String future = event("installation.enabled", integration, owner, 4, "en", Instant.now().plusSeconds(86_400));

        send(good, unknownLanguage, missingAccount, future)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("events[1].data.language", "events[2].data.account_id", "events[3].occurred_at"));
        asAdmin(owner).when().get("/api/v1/integrations/{id}/stats", integration).then().statusCode(404);
    }

    @Test
    void refusesABatchOfMoreThanAThousandEvents() {
        UUID integration = UUID.randomUUID();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            events.add(event("installation.enabled", integration, 1, i, "en", Instant.parse("2026-05-03T10:00:00Z")));
        }
        send(events).statusCode(400).body("errors[0].field", equalTo("events"));
    }

    @Test
    void onlyTheOwningAccountsAdminsSeeTheStatistics() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        asAdmin(newAccount()).when().get("/api/v1/integrations/{id}/stats", integration).then().statusCode(404);
        given().auth().oauth2(TestTokens.technicalDeveloper(owner))
                .when().get("/api/v1/integrations/{id}/stats", integration).then().statusCode(403);
        given().auth().oauth2(TestTokens.user(owner, false, Roles.ADMIN))
                .when().get("/api/v1/integrations/{id}/stats", integration).then().statusCode(403);
        given().when().get("/api/v1/integrations/{id}/stats", integration).then().statusCode(401);
    }

    @Test
    void namesEveryBadParameter() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        asAdmin(owner).queryParam("from", "2026-03-10").queryParam("to", "2026-03-01").queryParam("interval", "hour")
                .queryParam("lang", "de").queryParam("tz", "Mars/Olympus")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("lang", "tz", "interval", "from"));
        asAdmin(owner).queryParam("from", "2020-01-01").queryParam("to", "2026-01-02")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(400).body("errors[0].code", equalTo("range_too_long"));
        asAdmin(owner).queryParam("from", "01/03/2026")
                .when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void defaultsToTheLastThirtyDays() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        asAdmin(owner).when().get("/api/v1/integrations/{id}/stats", integration)
                .then().statusCode(200).body("series", hasSize(30));
    }

    @Test
    void exportsTheSeriesAsCsv() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        String csv = asAdmin(owner).queryParam("from", "2026-03-01").queryParam("to", "2026-03-03")
                .when().get("/api/v1/integrations/{id}/stats.csv", integration)
                .then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("crm_sync-stats.csv"))
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat(csv, equalTo(
                "period,language,installs,uninstalls\r\n2026-03-01,all,2,0\r\n2026-03-02,all,0,0\r\n2026-03-03,all,1,1\r\n"));
    }

    @Test
    void drawsInstallsInBlueAndUninstallsInRedWithAxesLegendAndTitle() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        asAdmin(owner).queryParam("from", "2026-03-01").queryParam("to", "2026-03-05").queryParam("lang", "en")
                .when().get("/api/v1/integrations/{id}/stats/chart.svg", integration)
                .then().statusCode(200)
                .contentType("image/svg+xml")
                .body(startsWith("<svg"))
                .body(containsString("stroke=\"#1f6feb\""))
                .body(containsString("stroke=\"#d1242f\""))
                .body(containsString("class=\"x-axis\""))
                .body(containsString("class=\"y-axis\""))
                .body(containsString(">Installs<"))
                .body(containsString(">Uninstalls<"))
                .body(containsString("crm_sync — installs and uninstalls, language en, 2026-03-01 to 2026-03-05"))
                .body(containsString(">2026-03-03<"))
                .body(containsString("Count per day"));
    }

    @Test
    void drawsAnAllZeroChartAndAFiveYearOne() {
        long owner = newAccount();
        UUID integration = dataset(owner);

        asAdmin(owner).queryParam("from", "2025-01-01").queryParam("to", "2025-01-31")
                .when().get("/api/v1/integrations/{id}/stats/chart.svg", integration)
                .then().statusCode(200).body(containsString(">0<")).body(containsString(">1<"))
                .body(containsString("No installs or uninstalls in this period"));
        asAdmin(owner).queryParam("from", "2021-03-06").queryParam("to", "2026-03-05")
                .when().get("/api/v1/integrations/{id}/stats/chart.svg", integration)
                .then().statusCode(200).body(containsString("<polyline"))
                .body(not(containsString("No installs or uninstalls")));
    }
}
