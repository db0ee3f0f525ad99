package io.marketplace.e2e;

import static io.marketplace.e2e.MarketplaceSteps.as;
import static io.marketplace.e2e.MarketplaceSteps.pointAt;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.e2e.Stack.Service;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The authorization page in a real browser: {@code browser/authorization-flow.mjs} drives Debian's Chromium through
 * the button on a developer's site (post_message and popup), a redirect with PKCE built by openid-client, Deny, an
 * unregistered redirect URI and a framing attempt, and prints what it saw; this class plays it against a stack and
 * judges the result. The same flows run with the development sign-in and with Keycloak's login page.
 */
final class BrowserFlows {

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private static final Path SCRIPT_DIR = ROOT.resolve("e2e-tests/browser");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrowserFlows() {
    }

    /**
     * Points the published integration {@code id} at a developer site on a free loopback port, plays every flow as a
     * user who is admin of {@code account} (signing in with {@code login}, username and password, at the identity
     * provider; null for the development sign-in page), checks what the site and the standard client got, and answers
     * what the browser saw.
     */
    static JsonNode playAndCheck(Stack stack, String developerToken, String id, long account, Map<String, String> login)
            throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            throw new IllegalStateException("The browser tests need Debian's chromium (apt-get install chromium"
                    + " chromium-driver); .ci/run installs it");
        }
        int sitePort = freePort();
        String site = "http://127.0.0.1:" + sitePort;
        pointAt(stack, developerToken, id, site + "/callback", site + "/revoked");
        String secret = as(stack, developerToken, Service.KEYS).when().get("/api/v1/integrations/" + id + "/keys")
                .then().statusCode(200).extract().path("secret_key");

        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("site_port", sitePort);
        flow.put("integrations", stack.url(Service.INTEGRATIONS));
        flow.put("keys", stack.url(Service.KEYS));
        flow.put("client_id", id);
        flow.put("client_secret", secret);
        flow.put("account", account);
        flow.put("login", login);
        String screenshots = System.getProperty("e2e.screenshots");
        if (screenshots != null && !screenshots.isBlank() && login == null) {
            flow.put("screenshots", Path.of(screenshots).toAbsolutePath().toString());
        }
        JsonNode seen = run(flow);
        if (seen.has("failure")) {
            throw new AssertionError("The browser flow failed: " + seen.get("failure").asText() + "\nintegrations-service: "
                    + stack.log(Service.INTEGRATIONS));
        }

        assertThat(seen.path("authorization_endpoint").asText(), equalTo(stack.url(Service.INTEGRATIONS) + "/oauth"));
        assertThat("the button's default title", seen.path("button_title").asText(), equalTo("Continue with Marketplace"));
        // post_message: the site receives code, referer and state from the page; the standard client exchanges it
        JsonNode message = seen.path("post_message");
        assertThat(message.path("state").asText(), equalTo("popup-state"));
        assertThat(message.path("referer").asText(), equalTo("account" + account));
        assertThat(message.path("code").asText(), not(equalTo("")));
        assertActive(stack, id, secret, seen.path("post_message_exchange"), account);
        // redirect with PKCE: the wrong verifier is refused, the right one gets tokens
        assertThat(seen.path("redirect_url").asText(), startsWith(site + "/callback?code="));
        assertThat(seen.path("redirect_url").asText(), containsString("state=redirect-state"));
        assertThat(seen.path("redirect_url").asText(), not(containsString("from_widget")));
        assertThat(seen.path("consent_es_allow").asText(), equalTo("Permitir"));
        assertThat(seen.path("redirect_exchange_with_wrong_verifier").path("access_token").isMissingNode(), equalTo(true));
        assertActive(stack, id, secret, seen.path("redirect_exchange"), account);
        // Deny: access_denied to the site, and the button's error callback is called
        assertThat(seen.path("deny_message").path("error").asText(), equalTo("access_denied"));
        assertThat(seen.path("deny_message").path("state").asText(), equalTo("deny-state"));
        assertThat(seen.path("error_callback").path("error").asText(), equalTo("access_denied"));
        // an unregistered redirect URI: an error page on the platform, nothing sent anywhere
        assertThat(seen.path("unregistered").path("status").asInt(), equalTo(400));
        assertThat(seen.path("unregistered").path("url").asText(), startsWith(stack.url(Service.INTEGRATIONS) + "/oauth"));
        assertThat(seen.path("unregistered").path("text").asText(), containsString("redirect URI registered"));
        // framed by another site: the browser shows nothing of it
        assertThat(seen.path("framed").path("shows_allow").asBoolean(), equalTo(false));
        assertThat(seen.path("framed").path("url").asText(), not(startsWith(stack.url(Service.INTEGRATIONS))));
        return seen;
    }

    /** The exchange gave tokens, and keys-service says the access token is live, for this account. */
    private static void assertActive(Stack stack, String id, String secret, JsonNode exchange, long account) {
        assertThat("exchange: " + exchange, exchange.path("error").isMissingNode(), equalTo(true));
        String accessToken = exchange.path("access_token").asText();
        assertThat(accessToken, not(equalTo("")));
        given().baseUri(stack.url(Service.KEYS)).auth().preemptive().basic(id, secret)
                .formParam("token", accessToken)
                .when().post("/oauth2/introspect")
                .then().statusCode(200)
                .body("active", equalTo(true))
                .body("account_id", equalTo((int) account));
    }

    private static JsonNode run(Map<String, Object> flow) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("node", "authorization-flow.mjs").directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(false);
        builder.environment().put("FLOW", JSON.writeValueAsString(flow));
        Process process = builder.start();
        String errors;
        byte[] output;
        try (var out = process.getInputStream(); var err = process.getErrorStream()) {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("The browser flow did not finish within 180 s");
            }
            output = out.readAllBytes();
            errors = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = new String(output, StandardCharsets.UTF_8).lines().filter(line -> line.startsWith("{")).toList();
        assertThat("the browser flow's report (stderr: " + errors + ")", lines.isEmpty() ? null : lines.get(lines.size() - 1),
                notNullValue());
        assertThat(errors, process.exitValue(), equalTo(0));
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
