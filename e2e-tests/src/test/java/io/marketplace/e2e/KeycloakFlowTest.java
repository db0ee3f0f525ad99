package io.marketplace.e2e;

import static io.marketplace.e2e.MarketplaceSteps.as;
import static io.marketplace.e2e.MarketplaceSteps.hmac;
import static io.marketplace.e2e.MarketplaceSteps.parameters;
import static io.marketplace.e2e.MarketplaceSteps.pointAt;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.marketplace.e2e.Stack.Service;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The main flow with every token from a real Keycloak importing the realm of docker-compose.yml: the users
 * (developer 1001, buyer 2002, moderator) sign in through the console client, and the services call each other with
 * client-credentials tokens of their own clients. Skipped, saying why, when no Java 21+ JDK is on this machine.
 */
class KeycloakFlowTest {

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private static final long DEVELOPER_ACCOUNT = 1001;
    private static final long BUYER_ACCOUNT = 2002;

    private static Keycloak keycloak;
    private static Stack stack;
    private static DeveloperBackend backend;

    @BeforeAll
    static void startKeycloakAndTheServices() throws Exception {
        Optional<Path> java21 = Keycloak.findJava21();
        if (java21.isEmpty()) {
            System.out.println("KeycloakFlowTest SKIPPED: Keycloak 26 needs Java 21+, and none was found"
                    + " (KEYCLOAK_JAVA_HOME, the build's JDK, /usr/lib/jvm)");
        }
        Assumptions.assumeTrue(java21.isPresent(), "Keycloak 26 needs Java 21+: none found in KEYCLOAK_JAVA_HOME,"
                + " the build's JDK or /usr/lib/jvm");
        Path home = Path.of(System.getProperty("e2e.keycloak.home", "target/keycloak"));
        Assumptions.assumeTrue(Files.isExecutable(home.resolve("bin/kc.sh")),
                "no Keycloak distribution at " + home + " (the e2e-tests build unpacks it)");
        keycloak = new Keycloak(home, java21.get(), ROOT.resolve(Keycloak.REALM_FILE));
        backend = new DeveloperBackend();
        stack = Stack.withIdentityProvider(keycloak.realmUrl());
        stack.startAll();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (backend != null) {
            backend.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void publishInstallAndDisableWithKeycloakIssuedTokens() throws Exception {
        String developer = keycloak.userToken("developer");
        String buyer = keycloak.userToken("buyer");
        String name = "Realm" + Long.toString(System.nanoTime(), 36);
        String id = MarketplaceSteps.publish(stack, developer, keycloak.userToken("moderator"), name);
        String codePath = "/oauth-" + id;
        String revokePath = "/revoke-" + id;
        // keys-service learns the new redirect URL from integrations-service, with its client-credentials token
        pointAt(stack, developer, id, backend.url(codePath), backend.url(revokePath));
        String secretKey = as(stack, developer, Service.KEYS)
                .when().get("/api/v1/integrations/" + id + "/keys").then().statusCode(200).extract().path("secret_key");
        given().baseUri(stack.url(Service.INTEGRATIONS)).queryParam("q", name)
                .when().get("/api/v1/marketplace/integrations")
                .then().statusCode(200).body("_embedded.integrations.id", hasItem(id));

        as(stack, buyer, Service.INTEGRATIONS).body(Map.of("language", "en"))
                .when().post("/api/v1/marketplace/integrations/" + id + "/installation").then().statusCode(201);
        // webhook-service fetched the code from keys-service with its own client-credentials token
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.received(codePath).size() == 1);
        String code = parameters(backend.received(codePath).get(0).rawQuery()).get("code");
        String accessToken = given().baseUri(stack.url(Service.KEYS))
                .formParams(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", backend.url(codePath),
                        "client_id", id, "client_secret", secretKey))
                .when().post("/oauth2/access_token").then().statusCode(200).extract().path("access_token");

        as(stack, buyer, Service.INTEGRATIONS)
                .when().delete("/api/v1/marketplace/integrations/" + id + "/installation").then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> backend.received(revokePath).size() == 1);
        Map<String, String> notice = parameters(backend.received(revokePath).get(0).rawQuery());
        assertThat(notice.get("account_id"), equalTo(Long.toString(BUYER_ACCOUNT)));
        assertThat(notice.get("signature"), equalTo(HexFormat.of().formatHex(
                hmac(secretKey.getBytes(StandardCharsets.UTF_8), id + "|" + BUYER_ACCOUNT))));
        await().atMost(Duration.ofSeconds(15)).until(() -> !(Boolean) given().baseUri(stack.url(Service.KEYS))
                .auth().preemptive().basic(id, secretKey).formParam("token", accessToken)
                .when().post("/oauth2/introspect").then().statusCode(200).extract().path("active"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Object> metrics = as(stack, developer, Service.STATS).queryParam("lang", "en")
                    .when().get("/api/v1/integrations/" + id + "/stats").then().extract().path("metrics");
            return metrics != null && metrics.get("installs").equals(1) && metrics.get("uninstalls").equals(1);
        });
        as(stack, developer, Service.INTEGRATIONS).when().get("/api/v1/integrations/" + id)
                .then().statusCode(200).body("owner_account_id", equalTo((int) DEVELOPER_ACCOUNT));
    }

    @Test
    void aUserSignsInOnKeycloaksLoginPageToInstallFromTheDevelopersSite() throws Exception {
        String developer = keycloak.userToken("developer");
        String id = MarketplaceSteps.publish(stack, developer, keycloak.userToken("moderator"),
                "Site" + Long.toString(System.nanoTime(), 36));

        // buyer is an admin of 2002 and 2003 (the realm's accounts claim)
        BrowserFlows.playAndCheck(stack, developer, id, BUYER_ACCOUNT, Map.of("username", "buyer", "password", "buyer"));
        as(stack, keycloak.userToken("buyer"), Service.INTEGRATIONS).when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.integration_id", hasItem(id));
        // with an identity provider there is no development sign-in
        given().baseUri(stack.url(Service.INTEGRATIONS)).redirects().follow(false)
                .when().get("/oauth/dev-sign-in").then().statusCode(404);
        // a consent form posted without a session is told to start again, not sent to a login that would lose it
        given().baseUri(stack.url(Service.INTEGRATIONS)).redirects().follow(false)
                .contentType("application/x-www-form-urlencoded").formParam("ticket", "x").formParam("decision", "allow")
                .when().post("/oauth/consent").then().statusCode(401);
    }
}
