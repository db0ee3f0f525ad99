package io.marketplace.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.marketplace.platform.test.NeighboursStub;
import io.marketplace.platform.test.TestTokens;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Jobs sent the way integrations-service sends them (inbox batches), and keys-service stubbed. */
final class WebhookFixtures {

    static final String SECRET_KEY = "kommo-secret-key-of-the-integration";
    /** The current webhook secret and the one still in its rotation overlap. */
    static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String OLD_WEBHOOK_SECRET = "whsec_dGhlIG9sZCBzZWNyZXQgc3RpbGwgc2lnbnM=";
    static final String CODE = "def502000f3a";
    static final String CODE_BATCHES = "/internal/v1/authorization-codes/batch";

    private static final AtomicLong ACCOUNTS = new AtomicLong(ProcessHandle.current().pid() % 1000 * 100_000 + 9000);

    private WebhookFixtures() {
    }

    static long newAccount() {
        return ACCOUNTS.incrementAndGet();
    }

    /**
     * keys-service as the deliveries need it (any integration's secrets, a code for any install), and
     * integrations-service taking any event batch: both stand on the one neighbours stub.
     */
    static void healthyKeys(WireMockServer keys) {
        NeighboursStub.acceptAllEvents(keys);
        keys.stubFor(get(urlPathMatching("/internal/v1/clients/[^/]+/signing-secrets")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"secret_key": "%s",
                         "webhook_secrets": ["%s", "%s"]}""".formatted(SECRET_KEY, WEBHOOK_SECRET, OLD_WEBHOOK_SECRET))));
        keys.stubFor(post(urlEqualTo(CODE_BATCHES)).willReturn(codeOutcomes(null, null)));
    }

    /**
     * keys-service's answer to a batch of code requests: {@link #CODE} for each request, except that those for
     * {@code refusedIntegration} get {@code refusal} (a problem's JSON) instead.
     */
    static ResponseDefinitionBuilder codeOutcomes(UUID refusedIntegration, String refusal) {
        String issued = "{\"issued\": {\"code\": \"" + CODE + "\", \"expires_in\": 1200}}";
        String outcome = refusedIntegration == null ? issued
                : "{{#eq request.client_id '" + refusedIntegration + "'}}{\"refused\": " + refusal + "}{{else}}" + issued
                        + "{{/eq}}";
        return aResponse().withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody("{\"results\": [{{#each (jsonPath request.body '$.requests') as |request|}}"
                        + "{{#unless @first}}, {{/unless}}" + outcome + "{{/each}}]}");
    }

    static String revoked(UUID jobId, UUID integration, long owner, long account, String url) {
        return revoked(jobId, integration, owner, account, 1, url);
    }

    /** The revoke notice of installation {@code generation}; {@code url} null when the integration has no revoke URL. */
    static String revoked(UUID jobId, UUID integration, long owner, long account, long generation, String url) {
        return job(jobId, "revoke_notice.requested", """
                {"integration_id": "%s", "owner_account_id": %d, "account_id": %d, "generation": %d, "url": %s}"""
                .formatted(integration, owner, account, generation, url == null ? "null" : "\"" + url + "\""));
    }

    static String installed(UUID jobId, UUID integration, long owner, long account, String url, String state) {
        return installed(jobId, integration, owner, account, 1, url, state);
    }

    static String installed(UUID jobId, UUID integration, long owner, long account, long generation, String url,
            String state) {
        return job(jobId, "code_delivery.requested", """
                {"integration_id": "%s", "owner_account_id": %d, "account_id": %d, "generation": %d, "url": "%s",
                 "referer": "buyer%d", "state": "%s"}"""
                .formatted(integration, owner, account, generation, url, account, state));
    }

    static String job(UUID jobId, String type, String data) {
        return """
                {"event_id": "%s", "type": "%s", "occurred_at": "%s", "data": %s}"""
                .formatted(jobId, type, Instant.now(), data);
    }

    static ValidatableResponse send(List<String> jobs) {
        return given().auth().oauth2(TestTokens.service("integrations-service")).contentType("application/json")
                .body("{\"events\": [" + String.join(",", jobs) + "]}")
                .when().post("/internal/v1/events").then();
    }

    static ValidatableResponse send(String... jobs) {
        return send(List.of(jobs));
    }

    /** integrations-service tells webhook-service who owns an integration when it is saved. */
    static void owned(UUID integration, long owner) {
        send(job(UUID.randomUUID(), "integration.saved", """
                {"integration_id": "%s", "owner_account_id": %d, "code": "w%d", "redirect_uri": "https://dev.example.com/oauth",
                 "scopes": ["crm"]}""".formatted(integration, owner, owner))).statusCode(200);
    }

    static ValidatableResponse log(long owner, UUID integration) {
        return given().auth().oauth2(TestTokens.technicalAdmin(owner))
                .when().get("/api/v1/integrations/{id}/deliveries", integration).then();
    }

    static ValidatableResponse delivery(long owner, UUID integration, UUID delivery) {
        return given().auth().oauth2(TestTokens.technicalAdmin(owner))
                .when().get("/api/v1/integrations/{id}/deliveries/{delivery}", integration, delivery).then();
    }

    static String status(long owner, UUID integration, UUID delivery) {
        return delivery(owner, integration, delivery).statusCode(200).extract().path("status");
    }
}
