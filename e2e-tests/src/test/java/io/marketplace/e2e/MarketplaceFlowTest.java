package io.marketplace.e2e;

import static io.marketplace.e2e.MarketplaceSteps.hmac;
import static io.marketplace.e2e.MarketplaceSteps.parameters;
import static io.marketplace.e2e.MarketplaceSteps.pointAt;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.e2e.DeveloperBackend.Received;
import io.marketplace.e2e.Stack.Service;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole marketplace across the four real services: a technical account publishes an integration, another
 * account installs it, the developer's backend gets the code, exchanges and refreshes it, the account disables the
 * integration, the backend gets the signed access-revoked GET, the tokens are dead, and the statistics show one
 * install and one uninstall. Then the same with webhook-service and stats-service down during the install, and a
 * hundred installs and disables made while keys-, webhook- and stats-service are all down. And the edges a new
 * developer meets first: read-your-writes across services after a create, a test install before any listing, the
 * delete of a test-installed draft, a forbidden revoke URL that must not leave anything stuck, and the redirect URL
 * checks shown to the developer, following a replaced URL.
 */
class MarketplaceFlowTest {

    private static final long MODERATOR = 1;
    private static Stack stack;
    private static DeveloperBackend backend;
    private static long nextAccount = 700_000 + ProcessHandle.current().pid() % 1000 * 1000;

    @BeforeAll
    static void startTheServices() throws Exception {
        stack = Stack.withTestIssuer();
        backend = new DeveloperBackend();
        stack.startAll();
    }

    @AfterAll
    static void stopTheServices() throws Exception {
        backend.close();
        stack.close();
    }

    @Test
    void anIntegrationGoesFromPublicationThroughInstallAndDisableWithEveryEffectDelivered() throws Exception {
        playTheFlow(false);
    }

    @Test
    void everyEffectStillHappensOnceWhenWebhookAndStatsServiceAreDownDuringTheInstall() throws Exception {
        playTheFlow(true);
    }

    @Test
    void aHundredInstallsAndAHundredDisablesWithKeysWebhookAndStatsServiceDownEachTakeEffectOnce() throws Exception {
        long developer = nextAccount++;
        String name = "Outage" + Long.toString(System.nanoTime(), 36);
        String id = publish(developer, name);
        String codePath = "/oauth-" + id;
        String revokePath = "/revoke-" + id;
        pointAt(stack, TestTokens.technicalDeveloper(developer), id, backend.url(codePath), backend.url(revokePath));
        String secretKey = as(TestTokens.technicalAdmin(developer), Service.KEYS)
                .when().get("/api/v1/integrations/" + id + "/keys").then().statusCode(200).extract().path("secret_key");
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            accounts.add(nextAccount++);
        }
        String installation = "/api/v1/marketplace/integrations/" + id + "/installation";
        List<Service> neighbours = List.of(Service.KEYS, Service.WEBHOOK, Service.STATS);

        for (Service neighbour : neighbours) {
            stack.stop(neighbour);
        }
        for (long account : accounts) {
            as(TestTokens.user(account, false, Roles.ADMIN), Service.INTEGRATIONS).body(Map.of("language", "en"))
                    .when().post(installation).then().statusCode(201);
        }
        for (Service neighbour : neighbours) {
            stack.start(neighbour);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> distinctDeliveries(codePath) == 100 && statsOf(developer, id, 100, 0));
        // a delivered code is a real one: the first account's developer gets tokens for it
        String accessToken = exchange(id, secretKey, codePath, accounts.get(0));

        for (Service neighbour : neighbours) {
            stack.stop(neighbour);
        }
        for (long account : accounts) {
            as(TestTokens.user(account, false, Roles.ADMIN), Service.INTEGRATIONS)
                    .when().delete(installation).then().statusCode(204);
        }
        for (Service neighbour : neighbours) {
            stack.start(neighbour);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> distinctDeliveries(revokePath) == 100 && statsOf(developer, id, 100, 100));
        await().atMost(Duration.ofSeconds(15)).until(() -> !(Boolean) given().baseUri(stack.url(Service.KEYS))
                .auth().preemptive().basic(id, secretKey).formParam("token", accessToken)
                .when().post("/oauth2/introspect").then().statusCode(200).extract().path("active"));

        // once per account from the receiver's point of view: one webhook-id each (a retried GET would reuse it)
        Thread.sleep(1000);
        Map<String, String> accountParameter = Map.of(codePath, "referer", revokePath, "account_id");
        for (String path : accountParameter.keySet()) {
            Map<String, Set<String>> webhookIdsByAccount = backend.received(path).stream().collect(Collectors.groupingBy(
                    r -> parameters(r.rawQuery()).get(accountParameter.get(path)),
                    Collectors.mapping(r -> r.header("webhook-id"), Collectors.toSet())));
            assertThat(webhookIdsByAccount.size(), equalTo(100));
            assertThat(webhookIdsByAccount.values().stream().allMatch(ids -> ids.size() == 1), equalTo(true));
        }
    }

    /** Four developers create side by side: each request waits for its own events, not for another's. */
    @Test
    void theOwnersKeysViewDeliveryLogAndStatisticsAnswerRightAfterTheCreateAndNobodyElseSeesThem() throws Exception {
        long stranger = nextAccount++;
        List<Long> developers = List.of(nextAccount++, nextAccount++, nextAccount++, nextAccount++);
        ExecutorService side = Executors.newFixedThreadPool(developers.size());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (long developer : developers) {
                runs.add(side.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        createAndReadAtOnce(developer, stranger);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            side.shutdownNow();
        }
    }

    private static void createAndReadAtOnce(long developer, long stranger) {
        String id = as(TestTokens.technicalDeveloper(developer), Service.INTEGRATIONS)
                .body(Map.of("code", "ryw" + Long.toString(System.nanoTime(), 36) + developer, "redirect_uri",
                        "https://dev.example.com/oauth", "scopes", List.of("crm"), "languages", List.of("en")))
                .when().post("/api/v1/integrations").then().statusCode(201).extract().path("id");

        // no waiting: each service had the integration before the 201
        as(TestTokens.technicalAdmin(developer), Service.KEYS)
                .when().get("/api/v1/integrations/" + id + "/keys").then().statusCode(200);
        as(TestTokens.technicalAdmin(developer), Service.WEBHOOK)
                .when().get("/api/v1/integrations/" + id + "/deliveries").then().statusCode(200)
                .body("_embedded.deliveries", hasSize(0));
        as(TestTokens.technicalAdmin(developer), Service.STATS)
                .when().get("/api/v1/integrations/" + id + "/stats").then().statusCode(200)
                .body("metrics.installs", equalTo(0));
        as(TestTokens.technicalAdmin(stranger), Service.WEBHOOK)
                .when().get("/api/v1/integrations/" + id + "/deliveries").then().statusCode(404);
        as(TestTokens.technicalAdmin(stranger), Service.KEYS)
                .when().get("/api/v1/integrations/" + id + "/keys").then().statusCode(404);
        as(TestTokens.technicalAdmin(stranger), Service.STATS)
                .when().get("/api/v1/integrations/" + id + "/stats").then().statusCode(404);
    }

    @Test
    void aFreshIntegrationIsTestInstalledItsCodeExchangedAndThenItIsDeletedWithItsInstallation() {
        long developer = nextAccount++;
        String codePath = "/fresh-oauth-" + developer;
        String id = as(TestTokens.technicalDeveloper(developer), Service.INTEGRATIONS)
                .body(Map.of("code", "fresh" + Long.toString(System.nanoTime(), 36), "redirect_uri", backend.url(codePath),
                        "scopes", List.of("crm"), "languages", List.of("en")))
                .when().post("/api/v1/integrations").then().statusCode(201).extract().path("id");
        String secretKey = as(TestTokens.technicalAdmin(developer), Service.KEYS)
                .when().get("/api/v1/integrations/" + id + "/keys").then().statusCode(200).extract().path("secret_key");

        // no listing yet: the owner installs it in its own account right away
        as(TestTokens.technicalAdmin(developer), Service.INTEGRATIONS).body(Map.of("language", "en"))
                .when().post("/api/v1/marketplace/integrations/" + id + "/installation").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.received(codePath).size() == 1);
        String code = parameters(backend.received(codePath).get(0).rawQuery()).get("code");
        given().baseUri(stack.url(Service.KEYS))
                .formParams(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", backend.url(codePath),
                        "client_id", id, "client_secret", secretKey))
                .when().post("/oauth2/access_token").then().statusCode(200).body("access_token", notNullValue());

        as(TestTokens.technicalDeveloper(developer), Service.INTEGRATIONS)
                .when().delete("/api/v1/integrations/" + id).then().statusCode(204);

        as(TestTokens.technicalAdmin(developer), Service.INTEGRATIONS).when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.integration_id", not(hasItem(id)));
        await().atMost(Duration.ofSeconds(10)).until(() -> as(TestTokens.technicalAdmin(developer), Service.KEYS)
                .when().get("/api/v1/integrations/" + id + "/keys").then().extract().statusCode() == 404);
        await().atMost(Duration.ofSeconds(10)).until(() -> as(TestTokens.technicalAdmin(developer), Service.WEBHOOK)
                .when().get("/api/v1/integrations/" + id + "/deliveries").then().extract().statusCode() == 404);
        await().atMost(Duration.ofSeconds(10)).until(() -> as(TestTokens.technicalAdmin(developer), Service.STATS)
                .when().get("/api/v1/integrations/" + id + "/stats").then().extract().statusCode() == 404);
    }

    /**
     * A revoke URL saved before integrations-service applied the outbound policy (written here straight into its
     * database) is no poison: the notice is blocked, the developer reads why in the delivery log, and nothing stays
     * pending or dead in the outbox.
     */
    @Test
    void aForbiddenRevokeUrlFromBeforeThePolicyEndsBlockedInTheDeliveryLogAndNothingIsStuck() throws Exception {
        long developer = nextAccount++;
        // today such a URL is refused when saved
        as(TestTokens.technicalDeveloper(developer), Service.INTEGRATIONS)
                .body(Map.of("code", "unsafe" + Long.toString(System.nanoTime(), 36),
                        "redirect_uri", backend.url("/unsafe-oauth"), "revoke_url", "http://169.254.169.254/latest/meta-data/",
                        "scopes", List.of("crm"), "languages", List.of("en")))
                .when().post("/api/v1/integrations").then().statusCode(400)
                .body("errors[0].field", equalTo("revoke_url")).body("errors[0].code", equalTo("unsafe_url"));
        String id = as(TestTokens.technicalDeveloper(developer), Service.INTEGRATIONS)
                .body(Map.of("code", "legacy" + Long.toString(System.nanoTime(), 36),
                        "redirect_uri", backend.url("/legacy-oauth"), "scopes", List.of("crm"), "languages", List.of("en")))
                .when().post("/api/v1/integrations").then().statusCode(201).extract().path("id");
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "");
                PreparedStatement update = db.prepareStatement(
                        "UPDATE integrations.integration SET revoke_url = ? WHERE id = CAST(? AS uuid)")) {
            update.setString(1, "http://169.254.169.254/latest/meta-data/");
            update.setString(2, id);
            assertThat(update.executeUpdate(), equalTo(1));
        }
        String installation = "/api/v1/marketplace/integrations/" + id + "/installation";
        as(TestTokens.technicalAdmin(developer), Service.INTEGRATIONS).body(Map.of("language", "en"))
                .when().post(installation).then().statusCode(201);
        as(TestTokens.technicalAdmin(developer), Service.INTEGRATIONS).when().delete(installation).then().statusCode(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> "blocked".equals(
                as(TestTokens.technicalAdmin(developer), Service.WEBHOOK).queryParam("status", "blocked")
                        .when().get("/api/v1/integrations/" + id + "/deliveries").then().statusCode(200)
                        .extract().path("_embedded.deliveries.find { it.kind == 'access_revoked' }.status")));
        as(TestTokens.technicalAdmin(developer), Service.WEBHOOK).queryParam("status", "blocked")
                .when().get("/api/v1/integrations/" + id + "/deliveries")
                .then().body("_embedded.deliveries[0].last_error", containsString("link-local address"));
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "");
                PreparedStatement stuck = db.prepareStatement("""
                        SELECT count(*) FROM integrations.outbox
                        WHERE payload ->> 'integration_id' = ? AND (delivered_at IS NULL OR dead_at IS NOT NULL)""")) {
            stuck.setString(1, id);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (ResultSet count = stuck.executeQuery()) {
                    count.next();
                    return count.getInt(1) == 0;
                }
            });
        }
    }

    private static long distinctDeliveries(String path) {
        return backend.received(path).stream().map(r -> r.header("webhook-id")).distinct().count();
    }

    private static boolean statsOf(long developer, String id, int installs, int uninstalls) {
        Map<String, Object> metrics = as(TestTokens.technicalAdmin(developer), Service.STATS).queryParam("lang", "en")
                .when().get("/api/v1/integrations/" + id + "/stats").then().extract().path("metrics");
        return metrics != null && metrics.get("installs").equals(installs) && metrics.get("uninstalls").equals(uninstalls);
    }

    /** The access token the developer's backend gets for the code delivered to it for this account. */
    private static String exchange(String id, String secretKey, String codePath, long account) {
        String code = backend.received(codePath).stream().map(r -> parameters(r.rawQuery()))
                .filter(p -> p.get("referer").equals("account" + account)).findFirst().orElseThrow().get("code");
        return given().baseUri(stack.url(Service.KEYS))
                .formParams(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", backend.url(codePath),
                        "client_id", id, "client_secret", secretKey))
                .when().post("/oauth2/access_token").then().statusCode(200).extract().path("access_token");
    }

    @Test
    void theRedirectUrlChecksReachTheDeveloperConsoleAndFollowAReplacedUrl() {
        long developer = nextAccount++;
        String developerToken = TestTokens.technicalDeveloper(developer);
        String id = publish(developer, "Check" + Long.toString(System.nanoTime(), 36));
        pointAt(stack, developerToken, id, backend.url("/check-" + id), backend.url("/revoke-check-" + id));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> "ok".equals(redirectUriStatusAfterACheck(developerToken, id)));

        as(developerToken, Service.INTEGRATIONS).contentType("application/merge-patch+json")
                .body(Map.of("redirect_uri", "http://127.0.0.1:1/refused"))
                .when().patch("/api/v1/integrations/" + id)
                .then().statusCode(200).body("redirect_uri_status", nullValue()); // the new URL is not checked yet
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> "failing".equals(redirectUriStatusAfterACheck(developerToken, id)));
    }

    /** Runs webhook-service's redirect URL checks now; answers what the developer console then shows. */
    private static String redirectUriStatusAfterACheck(String developerToken, String id) {
        given().baseUri(stack.url(Service.WEBHOOK)).auth().oauth2(TestTokens.service("integrations-service"))
                .when().post("/internal/v1/redirect-checks").then().statusCode(200);
        return as(developerToken, Service.INTEGRATIONS).when().get("/api/v1/integrations/" + id)
                .then().statusCode(200).extract().path("redirect_uri_status.status");
    }

    private void playTheFlow(boolean outage) throws Exception {
        long developer = nextAccount++;
        long buyer = nextAccount++;
        String name = "Flow" + Long.toString(System.nanoTime(), 36);
        String id = publish(developer, name);
        String revokePath = "/revoke-" + id;
        String codePath = "/oauth-" + id;
        pointAt(stack, TestTokens.technicalDeveloper(developer), id, backend.url(codePath), backend.url(revokePath));
        Map<String, Object> keys = as(TestTokens.technicalAdmin(developer), Service.KEYS)
                .when().get("/api/v1/integrations/" + id + "/keys").then().statusCode(200).extract().path("$");
        String secretKey = (String) keys.get("secret_key");
        @SuppressWarnings("unchecked")
        String webhookSecret = ((List<Map<String, String>>) keys.get("webhook_secrets")).get(0).get("secret");

        given().baseUri(stack.url(Service.INTEGRATIONS)).queryParam("q", name)
                .when().get("/api/v1/marketplace/integrations")
                .then().statusCode(200).body("_embedded.integrations.id", hasItem(id));

        if (outage) {
            stack.stop(Service.WEBHOOK);
            stack.stop(Service.STATS);
        }
        as(TestTokens.user(buyer, false, Roles.ADMIN), Service.INTEGRATIONS).body(Map.of("language", "en"))
                .when().post("/api/v1/marketplace/integrations/" + id + "/installation").then().statusCode(201);
        if (outage) {
            Thread.sleep(2000);
            assertThat(backend.received(codePath), hasSize(0));
            stack.start(Service.WEBHOOK);
            stack.start(Service.STATS);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> backend.received(codePath).size() == 1);
        Map<String, String> delivery = parameters(backend.received(codePath).get(0).rawQuery());
        assertThat(delivery.get("from_widget"), equalTo("1"));
        assertThat(delivery.get("referer"), equalTo("account" + buyer));
        Map<String, Object> tokens = given().baseUri(stack.url(Service.KEYS))
                .formParams(Map.of("grant_type", "authorization_code", "code", delivery.get("code"),
                        "redirect_uri", backend.url(codePath), "client_id", id, "client_secret", secretKey))
                .when().post("/oauth2/access_token").then().statusCode(200).extract().path("$");
        Map<String, Object> refreshed = given().baseUri(stack.url(Service.KEYS))
                .formParams(Map.of("grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token"),
                        "client_id", id, "client_secret", secretKey))
                .when().post("/oauth2/access_token").then().statusCode(200).extract().path("$");

        as(TestTokens.user(buyer, false, Roles.ADMIN), Service.INTEGRATIONS)
                .when().delete("/api/v1/marketplace/integrations/" + id + "/installation").then().statusCode(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> backend.received(revokePath).size() == 1);
        Received revoked = backend.received(revokePath).get(0);
        Map<String, String> notice = parameters(revoked.rawQuery());
        assertThat(notice.get("account_id"), equalTo(Long.toString(buyer)));
        assertThat(notice.get("client_id"), equalTo(id));
        assertThat(notice.get("signature"), equalTo(HexFormat.of().formatHex(
                hmac(secretKey.getBytes(StandardCharsets.UTF_8), id + "|" + buyer))));
        String signed = revoked.header("webhook-id") + "." + revoked.header("webhook-timestamp") + "." + revoked.rawQuery();
        String expected = "v1," + Base64.getEncoder().encodeToString(
                hmac(Base64.getDecoder().decode(webhookSecret.substring("whsec_".length())), signed));
        assertThat(Arrays.asList(revoked.header("webhook-signature").split(" ")), hasItem(expected));

        for (Object token : List.of(tokens.get("access_token"), refreshed.get("access_token"))) {
            await().atMost(Duration.ofSeconds(15)).until(() -> !(Boolean) given().baseUri(stack.url(Service.KEYS))
                    .auth().preemptive().basic(id, secretKey).formParam("token", token)
                    .when().post("/oauth2/introspect").then().statusCode(200).extract().path("active"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> metrics = as(TestTokens.technicalAdmin(developer), Service.STATS).queryParam("lang", "en")
                    .when().get("/api/v1/integrations/" + id + "/stats").then().extract().path("metrics");
            return metrics != null && metrics.get("installs").equals(1) && metrics.get("uninstalls").equals(1);
        });
        // exactly once from the receiver's point of view, outage or not
        Thread.sleep(1000);
        assertThat(backend.received(codePath), hasSize(1));
        assertThat(backend.received(revokePath), hasSize(1));
    }

    private static RequestSpecification as(String token, Service service) {
        return MarketplaceSteps.as(stack, token, service);
    }

    private static String publish(long developer, String name) {
        return MarketplaceSteps.publish(stack, TestTokens.technicalDeveloper(developer),
                TestTokens.user(MODERATOR, false, Roles.MODERATOR), name);
    }

}
