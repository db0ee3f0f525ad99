package io.marketplace.integrations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.MarketplaceFixtures.deliveredEvents;
import static io.marketplace.integrations.MarketplaceFixtures.published;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.InjectNeighbour;
import io.marketplace.platform.test.NeighboursStub;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorization page, Kommo's "button on the site", in the local run's sign-in: what it refuses and how, what it
 * shows, and what Allow and Deny do.
 */
@QuarkusTest
class AuthorizationPageTest {

    private static final String REDIRECT_URI = "https://dev.example.com/oauth/callback";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final Pattern TICKET = Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"");
    private static final String SESSION_COOKIE = "marketplace_dev_sign_in";

    @InjectNeighbour
    WireMockServer neighbours;

    @BeforeEach
    void keysServiceIssuesCodes() {
        NeighboursStub.acceptAllEvents(neighbours);
        neighbours.stubFor(post(urlEqualTo("/internal/v1/authorization-codes")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\":\"issued-code\",\"expires_in\":1200,\"expires_at\":\"2030-01-01T00:00:00Z\"}")));
    }

    /** Published in English first, then Spanish: the page speaks English unless asked otherwise. */
    private static String publishedIntegration() {
        Map<String, Map<String, String>> listings = new LinkedHashMap<>();
        listings.put("en", Map.of("name", "Lead Sync"));
        listings.put("es", Map.of("name", "Sincronizador"));
        return published(newAccount(), listings, null);
    }

    private static RequestSpecification browser(String session) {
        RequestSpecification request = given().redirects().follow(false);
        return session == null ? request : request.cookie(SESSION_COOKIE, session);
    }

    /** Signs in on the development page as {@code name}, admin of {@code accounts}; answers the session cookie. */
    private static String signIn(String name, long... accounts) {
        return browser(null).contentType("application/x-www-form-urlencoded")
                .formParam("name", name)
                .formParam("accounts", Arrays.stream(accounts).mapToObj(Long::toString).collect(Collectors.joining(", ")))
                .formParam("return", "/oauth?client_id=x")
                .when().post("/oauth/dev-sign-in")
                .then().statusCode(303).header("Location", endsWith("/oauth?client_id=x"))
                .extract().cookie(SESSION_COOKIE);
    }

    private static Response page(String session, Map<String, String> parameters) {
        return browser(session).queryParams(parameters).when().get("/oauth");
    }

    private static Map<String, String> request(String id, String... more) {
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("client_id", id, "state", "st-" + id.substring(0, 8)));
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        return parameters;
    }

    private static String ticketOf(Response consentPage) {
        Matcher matcher = TICKET.matcher(consentPage.asString());
        assertTrue(matcher.find(), "the consent form carries a ticket");
        return matcher.group(1).replace("&#61;", "=");
    }

    private static Response decide(String session, String ticket, String decision, long account) {
        return browser(session).contentType("application/x-www-form-urlencoded")
                .formParam("ticket", ticket).formParam("decision", decision).formParam("account_id", Long.toString(account))
                .when().post("/oauth/consent");
    }

    private static Map<String, String> queryOf(String location) {
        return Arrays.stream(URI.create(location).getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }

    @Test
    void showsAnUnknownClientOnThePageAndNeverRedirects() {
        browser(null).queryParam("client_id", "6f1c2d3e-0000-4000-8000-000000000000").queryParam("state", "s")
                .queryParam("redirect_uri", "https://attacker.example.com/steal")
                .when().get("/oauth")
                .then().statusCode(400)
                .contentType(containsString("text/html"))
                .header("Location", nullValue())
                .body(containsString("unknown_client"));
        browser(null).queryParam("state", "s").when().get("/oauth")
                .then().statusCode(400).header("Location", nullValue()).body(containsString("client_id is required"));
    }

    @Test
    void showsARedirectUriThatIsNotTheRegisteredOneAndNeverRedirects() {
        String id = publishedIntegration();
        page(null, request(id, "redirect_uri", "https://attacker.example.com/oauth/callback"))
                .then().statusCode(400)
                .header("Location", nullValue())
                .body(containsString("redirect_uri_mismatch"))
                .body(not(containsString("attacker.example.com")));
    }

    @Test
    void sendsOtherErrorsBackToTheSiteWithTheState() {
        String id = publishedIntegration();
        String location = page(null, request(id, "response_type", "token")).then().statusCode(303)
                .header("Location", startsWith(REDIRECT_URI + "?")).extract().header("Location");
        assertThat(queryOf(location), hasEntry("error", "unsupported_response_type"));
        assertThat(queryOf(location), hasEntry("state", "st-" + id.substring(0, 8)));

        location = page(null, request(id, "code_challenge", CHALLENGE, "code_challenge_method", "plain"))
                .then().statusCode(303).extract().header("Location");
        assertThat(queryOf(location), hasEntry("error", "invalid_request"));

        location = page(null, request(id, "scope", "crm everything")).then().statusCode(303).extract().header("Location");
        assertThat(queryOf(location), hasEntry("error", "invalid_scope"));

        location = browser(null).queryParam("client_id", id).when().get("/oauth")
                .then().statusCode(303).extract().header("Location");
        assertThat(queryOf(location), hasEntry("error", "invalid_request"));
        assertThat(queryOf(location), not(hasKey("state")));
    }

    @Test
    void sendsAnAnonymousUserToTheDevelopmentSignInThatSaysWhatItIs() {
        String id = publishedIntegration();
        String location = page(null, request(id)).then().statusCode(303)
                .header("Location", containsString("/oauth/dev-sign-in?")).extract().header("Location");
        browser(null).when().get(location)
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .body(containsString("development token issuer is configured"));
    }

    @Test
    void showsTheIntegrationInTheChosenLocaleWithScopesAndAccountsAndCannotBeFramed() {
        String id = publishedIntegration();
        long buyer = newAccount();
        long other = newAccount();
        String session = signIn("Ana", buyer, other);

        Response english = page(session, request(id));
        english.then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("frame-ancestors 'none'"),
                        containsString("form-action 'self' https://dev.example.com")))
                .header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store")
                .body(allOf(containsString("Lead Sync"), containsString("Allow"), containsString("Acme"),
                        containsString("read and change your CRM data"), containsString("value=\"" + buyer + "\""),
                        containsString("value=\"" + other + "\""), containsString("logo_main.png"),
                        containsString("Signed in as Ana")));
        page(session, request(id, "locale", "es")).then().statusCode(200)
                .body(allOf(containsString("lang=\"es\""), containsString("Sincronizador"), containsString("Permitir"),
                        containsString("Rechazar")));
        assertThat(english.asString(), not(containsString("secret")));
    }

    @Test
    void allowInstallsInTheChosenAccountAndRedirectsWithCodeRefererAndState() {
        String id = publishedIntegration();
        long buyer = newAccount();
        String session = signIn("Ana", buyer);
        String ticket = ticketOf(page(session, request(id, "response_type", "code", "redirect_uri", REDIRECT_URI,
                "code_challenge", CHALLENGE, "code_challenge_method", "S256")));

        String location = decide(session, ticket, "allow", buyer).then().statusCode(303)
                .header("Location", startsWith(REDIRECT_URI + "?")).extract().header("Location");

        assertThat(queryOf(location), hasEntry("code", "issued-code"));
        assertThat(queryOf(location), hasEntry("referer", "account" + buyer));
        assertThat(queryOf(location), hasEntry("state", "st-" + id.substring(0, 8)));
        assertThat(queryOf(location), not(hasKey("from_widget")));
        neighbours.verify(postRequestedFor(urlEqualTo("/internal/v1/authorization-codes"))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))
                .withRequestBody(matchingJsonPath("$.account_id", equalTo(Long.toString(buyer))))
                .withRequestBody(matchingJsonPath("$.generation", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.code_challenge", equalTo(CHALLENGE)))
                .withRequestBody(matchingJsonPath("$.code_challenge_method", equalTo("S256"))));
        given().auth().oauth2(TestTokens.user(buyer, false, Roles.ADMIN)).when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.integration_id", hasItem(id));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveredEvents(neighbours, "installation.enabled", id).size() == 1);
        // the code goes back through the browser, not to the redirect URL
        assertThat(deliveredEvents(neighbours, "code_delivery.requested", id), empty());

        String again = decide(session, ticket, "allow", buyer).then().statusCode(303).extract().header("Location");
        assertThat(queryOf(again), hasEntry("code", "issued-code"));
        neighbours.verify(2, postRequestedFor(urlEqualTo("/internal/v1/authorization-codes"))
                .withRequestBody(matchingJsonPath("$.generation", equalTo("1"))));
    }

    @Test
    void denyRedirectsWithAccessDeniedAndInstallsNothing() {
        String id = publishedIntegration();
        long buyer = newAccount();
        String session = signIn("Ana", buyer);
        String ticket = ticketOf(page(session, request(id)));

        String location = decide(session, ticket, "deny", buyer).then().statusCode(303).extract().header("Location");

        assertThat(queryOf(location), hasEntry("error", "access_denied"));
        assertThat(queryOf(location), hasEntry("state", "st-" + id.substring(0, 8)));
        assertThat(queryOf(location), not(hasKey("code")));
        given().auth().oauth2(TestTokens.user(buyer, false, Roles.ADMIN)).when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.integration_id", not(hasItem(id)));
    }

    @Test
    void onlyAnAdminOfTheChosenAccountCanAllow() {
        String id = publishedIntegration();
        long buyer = newAccount();
        String session = signIn("Ana", buyer);
        String ticket = ticketOf(page(session, request(id)));

        decide(session, ticket, "allow", newAccount()).then().statusCode(403)
                .header("Location", nullValue()).body(containsString("Only an admin"));
    }

    @Test
    void refusesATicketMadeForAnotherUserOrAltered() {
        String id = publishedIntegration();
        long buyer = newAccount();
        String ticket = ticketOf(page(signIn("Ana", buyer), request(id)));
        String mallory = signIn("Mallory", buyer);

        decide(mallory, ticket, "allow", buyer).then().statusCode(403).header("Location", nullValue());
        decide(signIn("Ana", buyer), ticket.substring(0, ticket.length() - 2) + "AA", "allow", buyer)
                .then().statusCode(403).header("Location", nullValue());
        decide(null, ticket, "allow", buyer).then().statusCode(401).header("Location", nullValue());
    }

    @Test
    void postMessageModeAnswersWithAPageThatPostsToTheRedirectUrisOrigin() {
        String id = publishedIntegration();
        long buyer = newAccount();
        String session = signIn("Ana", buyer);
        String ticket = ticketOf(page(session, request(id, "mode", "post_message")));

        decide(session, ticket, "allow", buyer).then().statusCode(200)
                .header("Location", nullValue())
                .header("Content-Security-Policy", containsString("script-src 'nonce-"))
                .body(allOf(containsString("data-target-origin=\"https://dev.example.com\""),
                        containsString("issued-code"), containsString("postMessage")));
    }

    @Test
    void anUnpublishedIntegrationCanOnlyBeAllowedInItsOwnersAccount() {
        long owner = newAccount();
        String id = MarketplaceFixtures.complete(owner, Map.of("en", Map.of("name", "Draft Sync")));

        String location = page(signIn("Bob", newAccount()), request(id)).then().statusCode(303)
                .extract().header("Location");
        assertThat(queryOf(location), hasEntry("error", "unauthorized_client"));

        String session = signIn("Olga", owner, newAccount());
        page(session, request(id)).then().statusCode(200)
                .body(allOf(containsString("Draft Sync"), containsString("value=\"" + owner + "\""),
                        containsString("Not published yet")));
    }

    @Test
    void saysSoWhenKeysServiceCannotIssueTheCodeAndAllowsAgainLater() {
        String id = publishedIntegration();
        long buyer = newAccount();
        String session = signIn("Ana", buyer);
        String ticket = ticketOf(page(session, request(id)));
        neighbours.stubFor(post(urlEqualTo("/internal/v1/authorization-codes")).willReturn(aResponse().withStatus(503)));

        decide(session, ticket, "allow", buyer).then().statusCode(503).body(containsString("allow again"));

        keysServiceIssuesCodes();
        // once keys-service is back (and the guard in front of it has let a trial call through), Allow works again
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                .until(() -> decide(session, ticket, "allow", buyer).statusCode() == 303);
    }

    @Test
    void limitsHowOftenOneUserOpensThePage() {
        String id = publishedIntegration();
        String session = signIn("Busy", newAccount());
        List<Integer> statuses = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> page(session, request(id)).statusCode()).toList();
        assertThat(statuses, allOf(hasItem(200), hasItem(429)));
    }

    @Test
    void servesTheButtonScriptWithALongCacheLifetime() {
        String etag = given().when().get("/oauth/button.js")
                .then().statusCode(200)
                .contentType(containsString("text/javascript"))
                .header("Cache-Control", containsString("max-age=86400"))
                .body(containsString("data-client-id"))
                .extract().header("ETag");
        given().header("If-None-Match", etag).when().get("/oauth/button.js").then().statusCode(304);
    }

    @Test
    void passesTheStateThroughUntouchedAndEscapesItOnThePage() {
        String id = publishedIntegration();
        long buyer = newAccount();
        String session = signIn("Ana", buyer);
        String state = "\"><script>alert(1)</script>&next=/x?y=1 ü";
        Map<String, String> redirect = request(id);
        redirect.put("state", state);
        String location = decide(session, ticketOf(page(session, redirect)), "allow", buyer)
                .then().statusCode(303).extract().header("Location");
        assertThat(queryOf(location), hasEntry("state", state));

        Map<String, String> popup = request(id, "mode", "popup");
        popup.put("state", state);
        decide(session, ticketOf(page(session, popup)), "allow", buyer)
                .then().statusCode(200)
                .body(not(containsString("<script>alert(1)")))
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    void answersHostileFormsAndParametersWithAPageNeverAnError() {
        String id = publishedIntegration();
        long buyer = newAccount();
        String session = signIn("Ana", buyer);
        String ticket = ticketOf(page(session, request(id)));

        decide(session, "not-a-ticket", "allow", buyer).then().statusCode(403).header("Location", nullValue());
        decide(session, ticket + "." + ticket, "allow", buyer).then().statusCode(403);
        browser(session).contentType("application/x-www-form-urlencoded").formParam("ticket", ticket)
                .formParam("account_id", "abc").formParam("decision", "allow")
                .when().post("/oauth/consent").then().statusCode(400).body(containsString("account_id"));
        browser(session).contentType("application/x-www-form-urlencoded").formParam("ticket", ticket)
                .formParam("account_id", Long.toString(buyer))
                .when().post("/oauth/consent").then().statusCode(400).body(containsString("decision"));
        browser(session).queryParam("client_id", id).queryParam("client_id", id).queryParam("state", "s")
                .when().get("/oauth").then().statusCode(400).header("Location", nullValue());
        String location = browser(session).queryParam("client_id", id).queryParam("state", "a").queryParam("state", "b")
                .when().get("/oauth").then().statusCode(303).extract().header("Location");
        assertThat(queryOf(location), hasEntry("error", "invalid_request"));
        location = page(session, request(id, "state", "x".repeat(2000))).then().statusCode(303).extract().header("Location");
        assertThat(queryOf(location), hasEntry("error", "invalid_request"));
        browser(session.substring(0, session.length() - 3) + "abc").queryParams(request(id)).when().get("/oauth")
                .then().statusCode(303).header("Location", containsString("/oauth/dev-sign-in"));
        browser(null).contentType("application/x-www-form-urlencoded").formParam("name", "<b>Eve</b>")
                .formParam("accounts", "1, -2, x").formParam("return", "https://attacker.example.com/")
                .when().post("/oauth/dev-sign-in").then().statusCode(400).header("Set-Cookie", nullValue())
                .body(not(containsString("<b>Eve</b>")));
        browser(null).contentType("application/x-www-form-urlencoded").formParam("name", "Eve")
                .formParam("accounts", "7").formParam("return", "https://attacker.example.com/")
                .when().post("/oauth/dev-sign-in").then().statusCode(303).header("Location", endsWith("/oauth"));
    }

    @Test
    void installsAnIntegrationWithoutAWidgetThroughThePage() {
        long owner = newAccount();
        String id = IntegrationsWithoutAWidgetTest.widgetless(owner, "https://dev.example.com/connect");
        String version = "/api/v1/integrations/" + id + "/versions/1";
        Fixtures.asDeveloper(owner).when().post(version + "/review").then().statusCode(200);
        given().auth().oauth2(TestTokens.user(9_000_001L, false, Roles.MODERATOR)).contentType("application/json")
                .when().post(version + "/approve").then().statusCode(200);
        Fixtures.asDeveloper(owner).body(Map.of()).when().post(version + "/publish").then().statusCode(200);
        long buyer = newAccount();
        String session = signIn("Ana", buyer);

        String location = decide(session, ticketOf(page(session, request(id))), "allow", buyer)
                .then().statusCode(303).extract().header("Location");

        assertThat(queryOf(location), hasEntry("code", "issued-code"));
        given().auth().oauth2(TestTokens.user(buyer, false, Roles.ADMIN)).when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.integration_id", hasItem(id));
    }

    @Test
    void twoAllowsRacingMakeOneInstallationAndTwoCodesOfIt() throws Exception {
        String id = publishedIntegration();
        long buyer = newAccount();
        String session = signIn("Ana", buyer);
        String ticket = ticketOf(page(session, request(id)));
        ExecutorService clicks = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> answers = List.of(clicks.submit(() -> decide(session, ticket, "allow", buyer)),
                    clicks.submit(() -> decide(session, ticket, "allow", buyer)));
            for (Future<Response> answer : answers) {
                assertThat(queryOf(answer.get().then().statusCode(303).extract().header("Location")),
                        hasEntry("code", "issued-code"));
            }
        } finally {
            clicks.shutdown();
        }

        given().auth().oauth2(TestTokens.user(buyer, false, Roles.ADMIN)).when().get("/api/v1/marketplace/installed")
                .then().statusCode(200).body("installations.findAll { it.integration_id == '" + id + "' }.size()",
                        org.hamcrest.Matchers.equalTo(1));
        neighbours.verify(2, postRequestedFor(urlEqualTo("/internal/v1/authorization-codes"))
                .withRequestBody(matchingJsonPath("$.client_id", equalTo(id)))
                .withRequestBody(matchingJsonPath("$.generation", equalTo("1"))));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deliveredEvents(neighbours, "installation.enabled", id).size() == 1);
    }
}
