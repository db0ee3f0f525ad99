package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.MarketplaceFixtures.complete;
import static io.marketplace.integrations.MarketplaceFixtures.published;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.AtOnce;
import io.marketplace.platform.test.InjectNeighbour;
import io.marketplace.platform.test.Prometheus;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Installing and disabling, and what the other services are told (the outbox's batches, seen at the neighbours' stub). */
@QuarkusTest
class InstallationTest {

    @InjectNeighbour
    WireMockServer neighbours;

    @Inject
    DataSource dataSource;

    private static RequestSpecification asAccountAdmin(long account) {
        return given().auth().oauth2(TestTokens.user(account, false, Roles.ADMIN)).contentType("application/json");
    }

    private static String installation(String id) {
        return "/api/v1/marketplace/integrations/" + id + "/installation";
    }

    private static String publishedIntegration() {
        return published(newAccount(), Map.of("en", Map.of("name", "Installable"), "es", Map.of("name", "Instalable")),
                null);
    }

    @Test
    void installsOnceAndTellsWebhookAndStatsServiceOnce() {
        String id = publishedIntegration();
        long buyer = newAccount();

        asAccountAdmin(buyer).body(Map.of("language", "es")).when().post(installation(id))
                .then().statusCode(201)
                .body("integration_id", equalTo(id))
                .body("account_id", equalTo((int) buyer))
                .body("language", equalTo("es"))
                .body("installed_description", equalTo("Welcome account" + buyer + "! Your client id is " + id + "."));
        asAccountAdmin(buyer).body(Map.of("language", "es")).when().post(installation(id)).then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> events("code_delivery.requested", id).size() == 1
                && events("installation.enabled", id).size() == 1);
        JsonNode job = events("code_delivery.requested", id).get(0);
        assertThat(job.at("/data/url").asText(), equalTo("https://dev.example.com/oauth/callback"));
        assertThat(job.at("/data/referer").asText(), equalTo("account" + buyer));
        assertThat(job.at("/data/account_id").asLong(), equalTo(buyer));
        assertThat(events("installation.enabled", id).get(0).at("/data/language").asText(), equalTo("es"));
        given().auth().oauth2(TestTokens.user(buyer, false, Roles.DEVELOPER)).when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.integration_id", contains(id));
    }

    @Test
    void disablingRevokesTokensNotifiesTheDeveloperAndCountsAnUninstallAndReinstallingCountsAgain() {
        String id = publishedIntegration();
        long buyer = newAccount();
        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);

        asAccountAdmin(buyer).when().delete(installation(id)).then().statusCode(204);
        asAccountAdmin(buyer).when().delete(installation(id)).then().statusCode(404);
        await().atMost(Duration.ofSeconds(10)).until(() -> events("installation.disabled", id).size() == 1
                && events("revoke_notice.requested", id).size() == 1 && events("installation.disabled", id).size() == 1);
        assertThat(events("revoke_notice.requested", id).get(0).at("/data/url").asText(), equalTo("https://dev.example.com/revoked"));
        assertThat(events("installation.disabled", id).get(0).at("/data/account_id").asLong(), equalTo(buyer));
        given().auth().oauth2(TestTokens.user(buyer, false, Roles.ADMIN)).when().get("/api/v1/marketplace/installed")
                .then().body("installations", hasSize(0));

        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> events("installation.enabled", id).size() == 2
                && events("code_delivery.requested", id).size() == 2);
    }

    @Test
    void installsAtOnceMakeOneInstallationAndDisablesAtOnceEndItOnce() {
        String id = publishedIntegration();
        long buyer = newAccount();

        List<Integer> installs = AtOnce.send(8, i -> asAccountAdmin(buyer).body(Map.of("language", "en"))
                .when().post(installation(id)).statusCode());
        assertThat(installs.stream().sorted().toList(), equalTo(List.of(200, 200, 200, 200, 200, 200, 200, 201)));
        List<Integer> disables = AtOnce.send(8, i -> asAccountAdmin(buyer).when().delete(installation(id)).statusCode());
        assertThat(disables.stream().sorted().toList(), equalTo(List.of(204, 404, 404, 404, 404, 404, 404, 404)));

        await().atMost(Duration.ofSeconds(10)).until(() -> events("revoke_notice.requested", id).size() == 1
                && events("installation.disabled", id).size() == 1);
        // one generation, started once and ended once: one code, one revocation, one install and one uninstall counted
        assertThat(generations("code_delivery.requested", id), contains(1L));
        assertThat(generations("installation.enabled", id), contains(1L));
        assertThat(generations("installation.disabled", id), contains(1L));
        assertThat(generations("revoke_notice.requested", id), contains(1L));
    }

    @Test
    void aDisableWhoseEventsCannotBeWrittenAtCommitIsA503AndLeavesTheInstallationActive() throws Exception {
        String id = publishedIntegration();
        long buyer = newAccount();
        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);
        try (Connection outside = dataSource.getConnection()) {
            outside.setAutoCommit(false);
            // the events are written just before the commit: a table lock held elsewhere stops exactly that write
            try (PreparedStatement hold = outside.prepareStatement("LOCK TABLE outbox IN SHARE MODE")) {
                hold.execute();
            }
            ExtractableResponse<Response> answer = CompletableFuture.supplyAsync(() -> asAccountAdmin(buyer)
                    .when().delete(installation(id)).then().extract()).get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode(), equalTo(503));
            assertThat(answer.header("Retry-After"), equalTo("1"));
            assertThat(answer.contentType(), equalTo("application/problem+json"));
            outside.rollback();
        }
        given().auth().oauth2(TestTokens.user(buyer, false, Roles.ADMIN)).when().get("/api/v1/marketplace/installed")
                .then().body("installations.integration_id", contains(id));
        asAccountAdmin(buyer).when().delete(installation(id)).then().statusCode(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> events("installation.disabled", id).size() == 1);
        assertThat(generations("installation.disabled", id), contains(1L));
    }

    @Test
    void anInstallBehindAHeldLockIsA503AfterTheLockTimeoutAndLeavesNothingBehind() throws Exception {
        String id = publishedIntegration();
        long buyer = newAccount();
        try (Connection outside = dataSource.getConnection()) {
            outside.setAutoCommit(false);
            // a transaction that holds the integration and does not end: a stuck edit, a manual lock
            try (PreparedStatement hold = outside.prepareStatement("SELECT 1 FROM integration WHERE id = ? FOR UPDATE")) {
                hold.setObject(1, UUID.fromString(id));
                hold.executeQuery().close();
            }
            // without a lock timeout it waits for as long as the lock is held
            ExtractableResponse<Response> answer = CompletableFuture.supplyAsync(() -> asAccountAdmin(buyer)
                    .body(Map.of("language", "en")).when().post(installation(id)).then().extract()).get(20, TimeUnit.SECONDS);
            assertThat(answer.statusCode(), equalTo(503));
            assertThat(answer.header("Retry-After"), equalTo("1"));
            outside.rollback();
        }
        given().auth().oauth2(TestTokens.user(buyer, false, Roles.ADMIN)).when().get("/api/v1/marketplace/installed")
                .then().body("installations", hasSize(0));
        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> events("installation.enabled", id).size() == 1);
    }

    @Test
    void eachInstallIsANewGenerationThatEveryEffectNames() {
        String id = publishedIntegration();
        long buyer = newAccount();

        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);
        asAccountAdmin(buyer).when().delete(installation(id)).then().statusCode(204);
        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);
        asAccountAdmin(buyer).when().delete(installation(id)).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> events("code_delivery.requested", id).size() == 2
                && events("revoke_notice.requested", id).size() == 2 && events("installation.disabled", id).size() == 2);
        assertThat(generations("code_delivery.requested", id), contains(1L, 2L));
        assertThat(generations("revoke_notice.requested", id), contains(1L, 2L));
        assertThat(generations("installation.disabled", id), contains(1L, 2L));
    }

    @Test
    void theDisableAnswersOnlyOnceKeysServiceHasTheRevocation() {
        String id = publishedIntegration();
        long buyer = newAccount();
        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);

        asAccountAdmin(buyer).when().delete(installation(id)).then().statusCode(204);

        // no waiting: the revocation reached keys-service before the 204 (the relay may still deliver the rest later)
        assertThat(events("installation.disabled", id), hasSize(1));
    }

    @Test
    void aDisableWithoutARevokeUrlStillTellsWebhookServiceToCancelTheCode() {
        long developer = newAccount();
        String id = published(developer, Map.of("en", Map.of("name", "No revoke URL")), null);
        given().auth().oauth2(TestTokens.technicalDeveloper(developer)).contentType("application/merge-patch+json")
                .body("{\"revoke_url\": null}").when().patch("/api/v1/integrations/" + id).then().statusCode(200);
        long buyer = newAccount();
        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);

        asAccountAdmin(buyer).when().delete(installation(id)).then().statusCode(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> events("revoke_notice.requested", id).size() == 1);
        assertThat(events("revoke_notice.requested", id).get(0).at("/data/url").isNull(), equalTo(true));
        assertThat(generations("revoke_notice.requested", id), contains(1L));
    }

    @Test
    void installationsAndDisablingsAreCountedInThePrometheusScrape() {
        String id = publishedIntegration();
        long buyer = newAccount();
        double installs = Prometheus.value("marketplace_installations_total", "action", "install");
        double disables = Prometheus.value("marketplace_installations_total", "action", "disable");

        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);
        asAccountAdmin(buyer).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(200);
        asAccountAdmin(buyer).when().delete(installation(id)).then().statusCode(204);

        assertThat(Prometheus.value("marketplace_installations_total", "action", "install"), equalTo(installs + 1));
        assertThat(Prometheus.value("marketplace_installations_total", "action", "disable"), equalTo(disables + 1));
        assertThat(Prometheus.value("http_server_requests_seconds_count", "method", "POST",
                "uri", "/api/v1/marketplace/integrations/{id}/installation") >= 2, equalTo(true));
        await().atMost(Duration.ofSeconds(20)).until(() -> Prometheus.has("marketplace_outbox_backlog"));
    }

    @Test
    void aTechnicalAccountInstallsItsOwnUnpublishedIntegrationToTestIt() {
        long developer = newAccount();
        String draft = complete(developer, Map.of("en", Map.of("name", "Testing it")));

        given().auth().oauth2(TestTokens.technicalAdmin(developer)).contentType("application/json")
                .body(Map.of("language", "en")).when().post(installation(draft)).then().statusCode(201);
        asAccountAdmin(newAccount()).body(Map.of("language", "en")).when().post(installation(draft)).then().statusCode(404);

        // keys-service learns of the owner's own install, so its Keys view can offer it an authorization code
        await().atMost(Duration.ofSeconds(10)).until(() -> events("installation.enabled", draft).size() == 1);
        assertThat(events("installation.enabled", draft).get(0).at("/data/account_id").asLong(), equalTo(developer));
    }

    @Test
    void theOwnerTestInstallsAFreshIntegrationWithNoListingUnderItsCode() {
        long developer = newAccount();
        Map<String, Object> fresh = Fixtures.validIntegration();
        String id = Fixtures.asDeveloper(developer).body(fresh).when().post("/api/v1/integrations")
                .then().statusCode(201).extract().path("id");
        RequestSpecification owner = given().auth().oauth2(TestTokens.technicalAdmin(developer)).contentType("application/json");

        owner.body(Map.of("language", "es")).when().post(installation(id))
                .then().statusCode(201).body("code", equalTo(fresh.get("code"))).body("language", equalTo("es"));
        given().auth().oauth2(TestTokens.technicalAdmin(developer)).queryParam("lang", "en")
                .when().get("/api/v1/marketplace/integrations/" + id)
                .then().statusCode(200).body("name", equalTo(fresh.get("code"))).body("testing", equalTo(true));
        given().auth().oauth2(TestTokens.technicalAdmin(developer))
                .when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.integration_id", hasItem(id));
        // the Keys view offers a code for it at once: keys-service had the installation before the 201
        assertThat(events("installation.enabled", id), hasSize(1));
        asAccountAdmin(newAccount()).body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(404);
    }

    @Test
    void deletingATestInstalledDraftEndsItsInstallationAndDeletesIt() {
        long developer = newAccount();
        String active = Fixtures.createIntegration(developer);
        String disabled = Fixtures.createIntegration(developer);
        RequestSpecification owner = given().auth().oauth2(TestTokens.technicalAdmin(developer)).contentType("application/json");
        for (String id : List.of(active, disabled)) {
            given().auth().oauth2(TestTokens.technicalAdmin(developer)).contentType("application/json")
                    .body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(201);
        }
        owner.when().delete(installation(disabled)).then().statusCode(204);

        for (String id : List.of(active, disabled)) {
            Fixtures.asDeveloper(developer).when().delete("/api/v1/integrations/" + id).then().statusCode(204);
            Fixtures.asDeveloper(developer).when().get("/api/v1/integrations/" + id).then().statusCode(404);
        }

        // the active installation ended as a disable would, before the integration went
        assertThat(generations("installation.disabled", active), contains(1L));
        await().atMost(Duration.ofSeconds(10)).until(() -> events("revoke_notice.requested", active).size() == 1
                && events("integration.deleted", active).size() == 1 && events("integration.deleted", disabled).size() == 1);
        assertThat("the disabled one is not revoked twice", events("installation.disabled", disabled), hasSize(1));
        given().auth().oauth2(TestTokens.technicalAdmin(developer)).when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.integration_id",
                        not(hasItem(active)));
    }

    /** An install and the delete of its draft at the same moment: never a 500, never an installation left behind. */
    @Test
    void anInstallRacingTheDeleteOfItsDraftIsEndedByItOrFindsItGone() throws Exception {
        long developer = newAccount();
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String id = Fixtures.createIntegration(developer);
                CountDownLatch start = new CountDownLatch(1);
                Future<Integer> install = both.submit(() -> {
                    start.await();
                    return given().auth().oauth2(TestTokens.technicalAdmin(developer)).contentType("application/json")
                            .body(Map.of("language", "en")).when().post(installation(id)).then().extract().statusCode();
                });
                Future<Integer> delete = both.submit(() -> {
                    start.await();
                    return Fixtures.asDeveloper(developer).when().delete("/api/v1/integrations/" + id).then().extract().statusCode();
                });
                start.countDown();

                assertThat(install.get(), anyOf(equalTo(201), equalTo(404)));
                assertThat(delete.get(), equalTo(204));
                given().auth().oauth2(TestTokens.technicalAdmin(developer)).when().get("/api/v1/marketplace/installed")
                        .then().statusCode(200).body("installations.integration_id", not(hasItem(id)));
            }
        } finally {
            both.shutdownNow();
        }
    }

    @Test
    void onlyAccountAdminsInstallAndTheLanguageMustBeAMarketplaceOne() {
        String id = publishedIntegration();
        long buyer = newAccount();
        given().auth().oauth2(TestTokens.user(buyer, false, Roles.DEVELOPER)).contentType("application/json")
                .body(Map.of("language", "en")).when().post(installation(id)).then().statusCode(403);
        given().contentType("application/json").body(Map.of("language", "en")).when().post(installation(id))
                .then().statusCode(401);
        asAccountAdmin(buyer).body(Map.of("language", "de")).when().post(installation(id))
                .then().statusCode(400).body("errors[0].field", equalTo("language"));
        asAccountAdmin(buyer).body("{}").when().post(installation(id)).then().statusCode(400);
        given().when().get("/api/v1/marketplace/installed").then().statusCode(401);
    }

    private List<Long> generations(String type, String integrationId) {
        return events(type, integrationId).stream().map(event -> event.at("/data/generation").asLong()).sorted().toList();
    }

    private List<JsonNode> events(String type, String integrationId) {
        return MarketplaceFixtures.deliveredEvents(neighbours, type, integrationId);
    }
}
