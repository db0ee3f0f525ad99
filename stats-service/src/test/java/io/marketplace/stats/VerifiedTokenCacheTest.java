package io.marketplace.stats;

import static io.marketplace.stats.StatsFixtures.event;
import static io.marketplace.stats.StatsFixtures.newAccount;
import static io.marketplace.stats.StatsFixtures.send;
import static io.marketplace.stats.StatsFixtures.statsAs;
import static io.marketplace.stats.StatsFixtures.verifiedTokens;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A bearer token verified once is answered from memory, and nothing else is: platform-common's VerifiedTokens. */
@QuarkusTest
class VerifiedTokenCacheTest {

    private static UUID integrationOf(long owner) {
        UUID integration = UUID.randomUUID();
        send(event("installation.enabled", integration, owner, newAccount(), "en", Instant.now())).statusCode(200);
        return integration;
    }

    @Test
    void answersARepeatedTokenFromMemoryWithItsOwnAccount() {
        long owner = newAccount();
        UUID integration = integrationOf(owner);
        String ownersToken = TestTokens.technicalAdmin(owner);
        String strangersToken = TestTokens.technicalAdmin(newAccount());
        statsAs(ownersToken, integration).statusCode(200);
        statsAs(strangersToken, integration).statusCode(404);

        double before = verifiedTokens("hit");
        statsAs(ownersToken, integration).statusCode(200);
        statsAs(strangersToken, integration).statusCode(404);
        assertEquals(before + 2, verifiedTokens("hit"));
    }

    @Test
    void tiesARememberedIdentityToTheRequestItAnswers() {
        String token = TestTokens.technicalAdmin(newAccount());
        probeAs(token, "first").body(equalTo("first"));

        double hits = verifiedTokens("hit");
        probeAs(token, "second").body(equalTo("second"));
        assertEquals(hits + 1, verifiedTokens("hit"));
    }

    @Test
    void keepsNoRequestInMemoryWithARememberedToken() throws InterruptedException {
        String token = TestTokens.technicalAdmin(newAccount());
        String first = "first-" + UUID.randomUUID();
        probeAs(token, first).body(equalTo(first));
        // later requests on other connections, so that nothing of the first one's is still in use
        probeAs(token, "later").body(equalTo("later"));
        probeAs(TestTokens.technicalAdmin(newAccount()), "other").body(equalTo("other"));

        WeakReference<?> firstRequest = IdentityRequestResource.SEEN.get(first);
        for (int attempt = 0; attempt < 50 && firstRequest.get() != null; attempt++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(firstRequest.get(), "the request that verified the token is still held in memory");

        // and the token is still remembered: the request was let go, not the token
        double hits = verifiedTokens("hit");
        probeAs(token, "again").body(equalTo("again"));
        assertEquals(hits + 1, verifiedTokens("hit"));
    }

    private static ValidatableResponse probeAs(String token, String probe) {
        return given().auth().oauth2(token).header(IdentityRequestResource.PROBE, probe)
                .when().get("/test-support/identity-request")
                .then().statusCode(200);
    }

    @Test
    void refusesARememberedTokenOnceItHasExpired() throws InterruptedException {
        long owner = newAccount();
        UUID integration = integrationOf(owner);
        String token = TestTokens.expiringIn(owner, Duration.ofSeconds(2));
        statsAs(token, integration).statusCode(200);
        statsAs(token, integration).statusCode(200);

        // exp is in whole seconds: past it for sure
        Thread.sleep(3_100);
        statsAs(token, integration).statusCode(401);
    }

    @Test
    void refusesATokenWithAnotherSignatureWhileTheGenuineOneIsRemembered() {
        long owner = newAccount();
        UUID integration = integrationOf(owner);
        String genuine = TestTokens.technicalAdmin(owner);
        statsAs(genuine, integration).statusCode(200);
        statsAs(genuine, integration).statusCode(200);

        String[] parts = genuine.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        statsAs(forged, integration).statusCode(401);
        statsAs(genuine, integration).statusCode(200);
    }

    @Test
    void refusesAnotherAccountsClaimsUnderARememberedSignature() {
        long owner = newAccount();
        UUID integration = integrationOf(owner);
        long stranger = newAccount();
        String strangersToken = TestTokens.technicalAdmin(stranger);
        statsAs(strangersToken, integration).statusCode(404);
        statsAs(strangersToken, integration).statusCode(404);

        String[] parts = strangersToken.split("\\.");
        String strangersClaims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String claims = strangersClaims.replace("\"account_id\":" + stranger, "\"account_id\":" + owner);
        assertNotEquals(strangersClaims, claims);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        statsAs(forged, integration).statusCode(401);
    }

    @Test
    void acceptsEveryRequestOfANewTokenSentByManyAtOnce() throws Exception {
        long owner = newAccount();
        UUID integration = integrationOf(owner);
        String token = TestTokens.technicalAdmin(owner);
        double answered = verifiedTokens("hit") + verifiedTokens("verified");
        int requests = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(callers.submit(() -> {
                    start.await();
                    return statsAs(token, integration).extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(30, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(answered + requests, verifiedTokens("hit") + verifiedTokens("verified"));

        double hits = verifiedTokens("hit");
        statsAs(token, integration).statusCode(200);
        assertEquals(hits + 1, verifiedTokens("hit"));
    }

    @Test
    void neverAnswersARefusedTokenFromMemory() {
        UUID integration = integrationOf(newAccount());
        String untrusted = TestTokens.signedByUnknownKey(newAccount());
        double hits = verifiedTokens("hit");
        double verified = verifiedTokens("verified");

        statsAs(untrusted, integration).statusCode(401);
        statsAs(untrusted, integration).statusCode(401);

        assertEquals(hits, verifiedTokens("hit"));
        assertEquals(verified + 2, verifiedTokens("verified"));
    }
}
