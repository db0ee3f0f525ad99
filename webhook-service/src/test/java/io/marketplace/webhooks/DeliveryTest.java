package io.marketplace.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.marketplace.webhooks.WebhookFixtures.CODE;
import static io.marketplace.webhooks.WebhookFixtures.CODE_BATCHES;
import static io.marketplace.webhooks.WebhookFixtures.codeOutcomes;
import static io.marketplace.webhooks.WebhookFixtures.OLD_WEBHOOK_SECRET;
import static io.marketplace.webhooks.WebhookFixtures.SECRET_KEY;
import static io.marketplace.webhooks.WebhookFixtures.WEBHOOK_SECRET;
import static io.marketplace.webhooks.WebhookFixtures.delivery;
import static io.marketplace.webhooks.WebhookFixtures.installed;
import static io.marketplace.webhooks.WebhookFixtures.log;
import static io.marketplace.webhooks.WebhookFixtures.newAccount;
import static io.marketplace.webhooks.WebhookFixtures.revoked;
import static io.marketplace.webhooks.WebhookFixtures.send;
import static io.marketplace.webhooks.WebhookFixtures.status;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.platform.events.WebhookJob;
import io.marketplace.platform.test.NeighboursStub;
import io.marketplace.platform.test.Prometheus;
import io.marketplace.webhooks.Receiver.Answer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = NeighboursStub.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "neighbours", value = "keys-service,integrations-service"))
class DeliveryTest extends WithHealthyNeighbours {
    @Test
    void sendsAccessRevokedWithKommosSignatureAndStandardWebhooksHeaders() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            send(revoked(job, integration, owner, 4242, receiver.url("/kommo/revoke"))).statusCode(200)
                    .body("processed", equalTo(1));

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requests(job).size() == 1);
            Receiver.Request request = receiver.requests(job).get(0);
            Map<String, String> query = parameters(request.rawQuery());
            assertThat(request.path(), equalTo("/kommo/revoke"));
            // what integrations-service keeps out of revoke URLs (WebhookJob.ACCESS_REVOKED_PARAMETERS) is what comes
            assertThat(query.keySet(), equalTo(WebhookJob.ACCESS_REVOKED_PARAMETERS));
            assertThat(query.get("account_id"), equalTo("4242"));
            assertThat(query.get("client_id"), equalTo(integration.toString()));
            assertThat(query.get("signature"), equalTo(HexFormat.of().formatHex(
                    hmac(SECRET_KEY.getBytes(StandardCharsets.UTF_8), integration + "|4242"))));
            assertThat(request.header("webhook-id"), equalTo(job.toString()));
            assertThat(verifiedSecrets(request), contains(WEBHOOK_SECRET, OLD_WEBHOOK_SECRET));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, job).equals("delivered"));
        delivery(owner, integration, job)
                .body("kind", equalTo("access_revoked"))
                .body("attempt_count", equalTo(1))
                .body("attempts[0].outcome", equalTo("delivered"))
                .body("attempts[0].status_code", equalTo(200))
                .body("attempts[0].latency_ms", greaterThanOrEqualTo(0))
                .body("attempts[0].url", containsString("signature=***"))
                .body("attempts[0].url", containsString("account_id=4242"));
    }

    @Test
    void sendsTheCodeToTheRedirectUrlWithRefererFromWidgetAndState() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            send(installed(job, integration, owner, 5151, receiver.url("/oauth?lang=en"), "xyz 1")).statusCode(200);

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.requests(job).size() == 1);
            Receiver.Request request = receiver.requests(job).get(0);
            Map<String, String> query = parameters(request.rawQuery());
            assertThat(query, equalTo(Map.of("lang", "en", "code", CODE, "referer", "buyer5151", "from_widget", "1",
                    "state", "xyz 1")));
            Set<String> added = new HashSet<>(query.keySet());
            added.remove("lang"); // the redirect URL's own
            assertThat(added, equalTo(WebhookJob.INSTALLED_PARAMETERS));
            assertThat(verifiedSecrets(request), contains(WEBHOOK_SECRET, OLD_WEBHOOK_SECRET));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, job).equals("delivered"));
        delivery(owner, integration, job).body("attempts[0].url", containsString("code=***"))
                .body("attempts[0].url", not(containsString(CODE)));
    }

    @Test
    void aReceiverFailingThreeTimesGetsFourAttemptsAndOneSuccessEachCountedByOutcome() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        double retried = Prometheus.value("marketplace_webhook_deliveries_total", "kind", "access_revoked", "outcome", "retry");
        double delivered = Prometheus.value("marketplace_webhook_deliveries_total", "kind", "access_revoked", "outcome", "delivered");
        try (Receiver receiver = new Receiver().answering(n -> Answer.status(n <= 3 ? 500 : 200))) {
            send(revoked(job, integration, owner, 1, receiver.url("/revoke")));

            await().atMost(Duration.ofSeconds(10)).until(() -> status(owner, integration, job).equals("delivered"));
            assertThat(receiver.requests(job), hasSize(4)); // every attempt carries the job's webhook-id
        }
        // other tests' leftover retries may add to the figures, never take from them
        assertThat(Prometheus.value("marketplace_webhook_deliveries_total", "kind", "access_revoked", "outcome", "retry"),
                greaterThanOrEqualTo(retried + 3));
        assertThat(Prometheus.value("marketplace_webhook_deliveries_total", "kind", "access_revoked", "outcome", "delivered"),
                greaterThanOrEqualTo(delivered + 1));
        delivery(owner, integration, job)
                .body("attempt_count", equalTo(4))
                .body("attempts.status_code", contains(500, 500, 500, 200))
                .body("attempts.outcome", contains("retry", "retry", "retry", "delivered"));
    }

    @Test
    void givesUpAfterTheLastAttemptOfTheScheduleAndKeepsTheDelivery() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Receiver receiver = new Receiver().answering(n -> Answer.status(503))) {
            send(revoked(job, integration, owner, 1, receiver.url("/revoke")));

            await().atMost(Duration.ofSeconds(10)).until(() -> status(owner, integration, job).equals("failed"));
            assertThat(receiver.requests(job), hasSize(5)); // the test schedule has five entries
        }
        delivery(owner, integration, job).body("attempts.outcome", contains("retry", "retry", "retry", "retry", "failed"))
                .body("next_attempt_at", nullValue());
    }

    @Test
    void stopsAtGone() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Receiver receiver = new Receiver().answering(n -> Answer.status(410))) {
            send(revoked(job, integration, owner, 1, receiver.url("/revoke")));

            await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, job).equals("failed"));
            Thread.sleep(600); // three retry delays of the test schedule: nothing more comes
            assertThat(receiver.requests(job), hasSize(1));
        }
        delivery(owner, integration, job).body("attempts.outcome", contains("gone"));
    }

    @Test
    void waitsAsLongAsRetryAfterAsks() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Receiver receiver = new Receiver().answering(n -> n == 1
                ? new Answer(429, Map.of("Retry-After", "2"), false) : Answer.status(204))) {
            send(revoked(job, integration, owner, 1, receiver.url("/revoke")));

            await().atMost(Duration.ofSeconds(8)).until(() -> receiver.requests(job).size() == 2);
            List<Receiver.Request> requests = receiver.requests(job);
            assertThat(requests.get(1).receivedAtMillis() - requests.get(0).receivedAtMillis(), greaterThanOrEqualTo(2000L));
        }
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Receiver elsewhere = new Receiver();
                Receiver receiver = new Receiver().answering(n -> n == 1
                        ? new Answer(302, Map.of("Location", elsewhere.url("/stolen")), false) : Answer.status(200))) {
            send(revoked(job, integration, owner, 1, receiver.url("/revoke")));

            await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, job).equals("delivered"));
            assertThat(elsewhere.requests(), hasSize(0));
        }
        delivery(owner, integration, job).body("attempts[0].status_code", equalTo(302))
                .body("attempts[0].error", equalTo("redirects are not followed"));
    }

    @Test
    void aHangingReceiverDoesNotHoldUpDeliveriesToAnother() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        try (Receiver hanging = new Receiver().answering(n -> Answer.hanging()); Receiver healthy = new Receiver()) {
            List<String> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                jobs.add(revoked(UUID.randomUUID(), integration, owner, i + 1, hanging.url("/revoke")));
            }
            List<UUID> healthyJobs = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                healthyJobs.add(UUID.randomUUID());
                jobs.add(revoked(healthyJobs.get(i), integration, owner, i + 1, healthy.url("/revoke")));
            }
            long sent = System.currentTimeMillis();
            send(jobs).statusCode(200);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> healthyJobs.stream().allMatch(job -> healthy.requests(job).size() == 1));
            // well within the 2 s timeout the hanging receiver holds its first requests for
            assertThat(healthyJobs.stream().map(job -> healthy.requests(job).get(0).receivedAtMillis() - sent).toList(),
                    everyItem(lessThan(1500L)));
        }
    }

    @Test
    void acceptsTheSameJobIdOnce() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        try (Receiver receiver = new Receiver()) {
            String sameJob = revoked(job, integration, owner, 1, receiver.url("/revoke"));
            send(sameJob).statusCode(200).body("processed", equalTo(1));
            send(sameJob).statusCode(200).body("processed", equalTo(0)).body("duplicates", equalTo(1));

            await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, job).equals("delivered"));
            Thread.sleep(300);
            assertThat(receiver.requests(job), hasSize(1));
        }
        log(owner, integration).statusCode(200).body("_embedded.deliveries", hasSize(1));
    }

    @Test
    void blocksHostsOutsideLoopbackWithoutLookingThemUp() {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        send(revoked(job, integration, owner, 1, "https://dev.example.com/kommo/revoke")).statusCode(200);

        await().atMost(Duration.ofSeconds(5)).until(() -> status(owner, integration, job).equals("blocked"));
        delivery(owner, integration, job)
                .body("attempts.outcome", contains("blocked"))
                .body("attempts[0].status_code", nullValue())
                .body("attempts[0].error", containsString("dev.example.com was not looked up"));
    }

    /**
     * Code deliveries in flight together ask keys-service for their codes in shared calls; keys-service's refusal of
     * one request in a call cancels that delivery alone.
     */
    @Test
    void codeDeliveriesMadeTogetherShareKeysServiceCallsAndARefusalCancelsOnlyItsOwn() throws Exception {
        long owner = newAccount();
        UUID refused = UUID.randomUUID();
        UUID served = UUID.randomUUID();
        // a slow keys-service, so that the deliveries leased meanwhile wait for the next call together
        keys.stubFor(post(urlEqualTo(CODE_BATCHES)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.requests[?(@.client_id == '" + refused + "' || @.client_id == '"
                        + served + "')]"))
                .willReturn(codeOutcomes(refused, "{\"status\": 410, \"title\": \"No longer available\"}")
                        .withFixedDelay(300)));
        Map<UUID, UUID> integrationOfJob = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            integrationOfJob.put(UUID.randomUUID(), i % 6 == 0 ? refused : served);
        }
        try (Receiver receiver = new Receiver()) {
            send(integrationOfJob.entrySet().stream().map(job -> installed(job.getKey(), job.getValue(), owner, newAccount(),
                    receiver.url("/oauth"), "s")).toList()).statusCode(200);

            integrationOfJob.forEach((job, integration) -> await().atMost(Duration.ofSeconds(10))
                    .until(() -> status(owner, integration, job).equals(integration == refused ? "cancelled" : "delivered")));
            integrationOfJob.forEach((job, integration) ->
                    assertThat(receiver.requests(job), hasSize(integration == refused ? 0 : 1)));
        }
        List<List<String>> calls = keys.findAll(postRequestedFor(urlEqualTo(CODE_BATCHES))).stream()
                .map(call -> JsonPath.from(call.getBodyAsString()).<String>getList("requests.client_id"))
                .filter(asked -> asked.contains(refused.toString()) || asked.contains(served.toString()))
                .toList();
        assertThat(calls.stream().mapToInt(List::size).sum(), equalTo(12));
        assertThat(calls.size(), lessThanOrEqualTo(6));
    }

    @Test
    void waitsForKeysServiceWithoutSpendingAnAttemptAndDeliversWhenItIsBack() throws Exception {
        long owner = newAccount();
        UUID integration = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        keys.resetAll();
        keys.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
        try (Receiver receiver = new Receiver()) {
            send(revoked(job, integration, owner, 1, receiver.url("/revoke")));

            await().atMost(Duration.ofSeconds(5)).until(() -> delivery(owner, integration, job).extract()
                    .path("last_error") != null);
            delivery(owner, integration, job).body("status", equalTo("pending"))
                    .body("attempt_count", equalTo(0))
                    .body("last_error", containsString("keys-service unavailable"));
            assertThat(receiver.requests(job), hasSize(0));

            WebhookFixtures.healthyKeys(keys);
            // the guard's circuit breaker opened; it lets calls through again after its delay (5 s)
            await().atMost(Duration.ofSeconds(15)).until(() -> status(owner, integration, job).equals("delivered"));
            assertThat(receiver.requests(job), hasSize(1));
        }
        delivery(owner, integration, job).body("attempt_count", equalTo(1));
    }

    /** Which of the known webhook secrets signed the request, checked the way the README tells a receiver to. */
    static List<String> verifiedSecrets(Receiver.Request request) throws Exception {
        String signed = request.header("webhook-id") + "." + request.header("webhook-timestamp") + "." + request.rawQuery();
        List<String> presented = Arrays.stream(request.header("webhook-signature").split(" "))
                .map(entry -> entry.substring("v1,".length())).toList();
        List<String> verified = new java.util.ArrayList<>();
        for (String secret : List.of(WEBHOOK_SECRET, OLD_WEBHOOK_SECRET)) {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            if (presented.contains(Base64.getEncoder().encodeToString(hmac(key, signed)))) {
                verified.add(secret);
            }
        }
        return verified;
    }

    static byte[] hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> parameters(String rawQuery) {
        return Arrays.stream(rawQuery.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
