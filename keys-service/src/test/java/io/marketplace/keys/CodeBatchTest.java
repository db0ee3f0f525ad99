package io.marketplace.keys;

import static io.marketplace.keys.OAuthFixtures.client;
import static io.marketplace.keys.OAuthFixtures.exchange;
import static io.marketplace.keys.OAuthFixtures.sendInstallationEvent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.keys.OAuthFixtures.RegisteredClient;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * webhook-service asks for the codes of the deliveries it makes together in one request: each request of a batch is
 * answered as the single-code operation would answer it, in order, and a refused one takes nothing from the others.
 */
@QuarkusTest
class CodeBatchTest {

    private static final long ACCOUNT = 5005;

    @Test
    void issuesACodeForEachRequestAndEachCodeExchanges() {
        RegisteredClient first = client();
        RegisteredClient second = client();

        List<String> codes = askCodes(List.of(request(first, ACCOUNT, 1), request(second, ACCOUNT, 1),
                        request(first, ACCOUNT + 1, 1)))
                .statusCode(200)
                .body("results", hasSize(3))
                .body("results.issued.expires_in", everyItem(equalTo(1200)))
                .body("results.refused", everyItem(nullValue()))
                .extract().path("results.issued.code");

        exchange(first, codes.get(0), Map.of()).statusCode(200);
        exchange(second, codes.get(1), Map.of()).statusCode(200);
        exchange(first, codes.get(2), Map.of()).statusCode(200);
    }

    @Test
    void answersEachRequestOfAMixedBatchInOrderAsTheSingleRequestWould() {
        RegisteredClient client = client();
        sendInstallationEvent("installation.disabled", client, ACCOUNT, 1);
        UUID unknownIntegration = UUID.randomUUID();

        ValidatableResponse answer = askCodes(List.of(
                request(client, ACCOUNT + 1, 1),
                Map.of("client_id", unknownIntegration.toString(), "account_id", ACCOUNT, "generation", 1),
                request(client, ACCOUNT, 1),
                request(client, ACCOUNT, 2)))
                .statusCode(200)
                .body("results", hasSize(4))
                .body("results[0].issued.code", notNullValue())
                .body("results[1].refused.status", equalTo(404))
                .body("results[1].refused.detail", equalTo("No registered integration " + unknownIntegration))
                .body("results[2].refused.status", equalTo(410))
                .body("results[2].refused.type", equalTo("urn:marketplace:problem:gone"))
                .body("results[3].issued.code", notNullValue());
        answer.body("results[1]", not(hasKey("issued"))).body("results[2]", not(hasKey("issued")));

        exchange(client, answer.extract().path("results[0].issued.code"), Map.of()).statusCode(200);
        exchange(client, answer.extract().path("results[3].issued.code"), Map.of()).statusCode(200);
    }

    @Test
    void anEarlierInstallationAskedBesideALaterOneOfTheSamePairIsOver() {
        RegisteredClient client = client();

        String code = askCodes(List.of(request(client, ACCOUNT, 1), request(client, ACCOUNT, 2)))
                .statusCode(200)
                .body("results[0].refused.status", equalTo(410))
                .extract().path("results[1].issued.code");

        exchange(client, code, Map.of()).statusCode(200);
    }

    @Test
    void aCodeOfABatchStopsExchangingOnceItsInstallationIsDisabled() {
        RegisteredClient client = client();
        String code = askCodes(List.of(request(client, ACCOUNT, 1))).statusCode(200).extract().path("results[0].issued.code");

        sendInstallationEvent("installation.disabled", client, ACCOUNT, 1);

        exchange(client, code, Map.of()).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void refusesABatchWithInvalidRequestsNamingEveryFailingFieldAndIssuesNone() {
        RegisteredClient client = client();
        Map<String, Object> plainChallenge = Map.of("client_id", client.clientId().toString(), "account_id", -1,
                "generation", 1, "code_challenge", "abc", "code_challenge_method", "plain");
        List<Object> requests = new ArrayList<>(List.of(request(client, ACCOUNT, 2), Map.of(), plainChallenge));
        requests.add(null);

        askCodes(requests).statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("requests[1].client_id", "requests[1].account_id",
                        "requests[1].generation", "requests[2].account_id", "requests[2].code_challenge_method",
                        "requests[3]"));

        // had the batch's valid request for generation 2 been served, generation 1 would be over now
        askCodes(List.of(request(client, ACCOUNT, 1))).statusCode(200).body("results[0].issued.code", notNullValue());
    }

    @Test
    void refusesAnEmptyBatchAndOneOfMoreThanAHundredRequests() {
        RegisteredClient client = client();
        askCodes(List.of()).statusCode(400).body("errors[0].field", equalTo("requests"));
        given().auth().oauth2(TestTokens.service("webhook-service")).contentType("application/json").body("{}")
                .when().post("/internal/v1/authorization-codes/batch")
                .then().statusCode(400).body("errors[0].field", equalTo("requests"));
        askCodes(Collections.nCopies(101, request(client, ACCOUNT, 1)))
                .statusCode(400).body("errors[0].code", equalTo("too_many"));
    }

    @Test
    void onlyServicesMayAskForCodes() {
        RegisteredClient client = client();
        given().auth().oauth2(TestTokens.technicalAdmin(client.ownerAccount())).contentType("application/json")
                .body(Map.of("requests", List.of(request(client, ACCOUNT, 1))))
                .when().post("/internal/v1/authorization-codes/batch")
                .then().statusCode(403);
    }

    /** Concurrent batches naming the same new pairs in different orders take their rows' locks in one order. */
    @Test
    void concurrentBatchesOverTheSamePairsInAnyOrderAllSucceed() throws Exception {
        RegisteredClient client = client();
        List<Map<String, Object>> pairs = IntStream.range(0, 6)
                .mapToObj(i -> request(client, ACCOUNT + 100 + i, 1)).toList();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<List<Object>>> answers = IntStream.range(0, 16).mapToObj(round -> {
                List<Map<String, Object>> shuffled = new ArrayList<>(pairs);
                Collections.rotate(shuffled, round);
                if (round % 2 == 1) {
                    Collections.reverse(shuffled);
                }
                return CompletableFuture.supplyAsync(() -> askCodes(shuffled).statusCode(200)
                        .extract().<List<Object>>path("results.issued.code"), callers);
            }).toList();
            for (CompletableFuture<List<Object>> answer : answers) {
                assertThat(answer.get(), everyItem(notNullValue()));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static Map<String, Object> request(RegisteredClient client, long account, long generation) {
        return Map.of("client_id", client.clientId().toString(), "account_id", account, "generation", generation);
    }

    private static ValidatableResponse askCodes(List<?> requests) {
        Map<String, Object> body = new HashMap<>();
        body.put("requests", requests);
        return given().auth().oauth2(TestTokens.service("webhook-service")).contentType("application/json").body(body)
                .when().post("/internal/v1/authorization-codes/batch").then();
    }
}
