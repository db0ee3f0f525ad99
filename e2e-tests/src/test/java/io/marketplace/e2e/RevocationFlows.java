package io.marketplace.e2e;

import static io.marketplace.e2e.MarketplaceSteps.parameters;
import static io.marketplace.e2e.MarketplaceSteps.pointAt;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.marketplace.e2e.Stack.Service;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import io.restassured.response.ValidatableResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Install → disable pairs played back to back against a running stack, and what must hold whatever was down meanwhile:
 * the developer's system hears of each account's installations in the order the account acted (never a code after its
 * revoke notice), no delivered code exchanges once its disable answered, no token outlives its disable, and every code
 * delivery ends delivered or cancelled. Installs go through the first replica of integrations-service and disables
 * through the last; tokens are checked at keys-service's other replica.
 */
final class RevocationFlows {

    /** Which neighbour is down, and when. */
    enum Outage {
        NONE, WEBHOOK_SERVICE_DURING_THE_PAIRS, KEYS_SERVICE_DURING_THE_DISABLES
    }

    private static final int ACCOUNTS = 25;
    private static final int ROUNDS = 2;
    private static final long MODERATOR = 1;
    /** The promise when keys-service was down during a disable: in force at most this long after it is ready again. */
    private static final long WINDOW_MILLIS = 2000;

    private final Stack stack;
    private final DeveloperBackend backend;
    private final int lastReplica;
    private long nextAccount;

    RevocationFlows(Stack stack, DeveloperBackend backend, int replicas, long firstAccount) {
        this.stack = stack;
        this.backend = backend;
        this.lastReplica = replicas - 1;
        this.nextAccount = firstAccount;
    }

    /** The tokens a developer got from one installation's code before the account disabled it. */
    private record Tokens(long account, String accessToken, String refreshToken) {
    }

    /** One published integration, pointed at the loopback backend, and how to reach it. */
    private record Integration(long developer, String id, String secretKey, String codePath, String revokePath) {
        String installation() {
            return "/api/v1/marketplace/integrations/" + id + "/installation";
        }
    }

    /**
     * What a play left behind, for the test to judge: the pairs played, the code deliveries and how they ended, the
     * tokens obtained before the disables and how many of them still work, and the delivered codes that still exchange.
     */
    record Outcome(int pairs, int codeDeliveries, long codesDelivered, long codesCancelled, int tokensObtained,
            long tokensStillWorking, long codesStillExchanging) {
    }

    Outcome play(Outage outage) throws Exception {
        Integration integration = publish();
        // fifty pairs: twenty-five accounts installing twice, or fifty installing once
        List<Long> accounts = moreAccounts(outage == Outage.KEYS_SERVICE_DURING_THE_DISABLES ? ACCOUNTS * ROUNDS : ACCOUNTS);
        List<Tokens> obtained = outage == Outage.KEYS_SERVICE_DURING_THE_DISABLES
                ? installEverywhereThenDisableWithKeysServiceDown(integration, accounts)
                : pairsBackToBack(integration, accounts, outage);

        awaitEveryEffectSettled(integration);
        for (long account : accounts) {
            String notices = notices(integration, account);
            // what the developer heard is the account's acts (code, revoke, code, revoke …) with cancelled codes left out
            assertThat("account " + account + " heard " + notices, notices, matchesPattern(
                    outage == Outage.KEYS_SERVICE_DURING_THE_DISABLES ? "C?R" : "C?R?C?R"));
        }
        if (outage == Outage.WEBHOOK_SERVICE_DURING_THE_PAIRS) {
            // every code delivery was still waiting when its installation was disabled
            assertThat(codes(integration), empty());
        }
        long codesStillExchanging = codes(integration).stream()
                .filter(code -> exchange(integration, code.get("code")).extract().statusCode() != 400).count();
        long tokensStillWorking = obtained.stream().filter(tokens -> stillWorks(integration, tokens)).count();
        List<String> codeDeliveries = deliveryStatuses(integration, "installed");
        assertThat(codeDeliveries, everyItem(isOneOf("delivered", "cancelled")));
        assertThat(deliveryStatuses(integration, "access_revoked"), everyItem(isOneOf("delivered", "cancelled")));
        Outcome outcome = new Outcome(accounts.size() * (outage == Outage.KEYS_SERVICE_DURING_THE_DISABLES ? 1 : ROUNDS),
                codeDeliveries.size(), codeDeliveries.stream().filter("delivered"::equals).count(),
                codeDeliveries.stream().filter("cancelled"::equals).count(), obtained.size(), tokensStillWorking,
                codesStillExchanging);
        System.out.printf("Pairs with %s down: %s%n", outage, outcome);
        return outcome;
    }

    private List<Long> moreAccounts(int count) {
        List<Long> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            accounts.add(nextAccount++);
        }
        return accounts;
    }

    /**
     * Each account installs and disables twice. Every fifth pair waits for its code and exchanges it before the disable;
     * its tokens are dead the moment the disable answers.
     */
    private List<Tokens> pairsBackToBack(Integration integration, List<Long> accounts, Outage outage) throws Exception {
        if (outage == Outage.WEBHOOK_SERVICE_DURING_THE_PAIRS) {
            stack.stop(Service.WEBHOOK);
        }
        List<Tokens> obtained = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < accounts.size(); i++) {
                long account = accounts.get(i);
                Set<String> tried = new HashSet<>();
                install(integration, account);
                Optional<Tokens> tokens = outage == Outage.NONE && i % 5 == 0
                        ? Optional.of(tokensFromTheNextCode(integration, account, tried)) : Optional.empty();
                disable(integration, account);
                tokens.ifPresent(t -> {
                    assertRevoked(integration, t);
                    obtained.add(t);
                });
            }
        }
        if (outage == Outage.WEBHOOK_SERVICE_DURING_THE_PAIRS) {
            stack.start(Service.WEBHOOK);
        }
        return obtained;
    }

    /**
     * Every account installs and its developer gets tokens; then keys-service stops, every account disables, and
     * keys-service starts again. Measures how long after it is ready the last disabled installation's token still
     * worked, then checks every other token is dead too.
     */
    private List<Tokens> installEverywhereThenDisableWithKeysServiceDown(Integration integration, List<Long> accounts)
            throws Exception {
        List<Tokens> obtained = new ArrayList<>();
        for (long account : accounts) {
            install(integration, account);
        }
        for (long account : accounts) {
            obtained.add(tokensFromTheNextCode(integration, account, new HashSet<>()));
        }
        stack.stop(Service.KEYS);
        for (long account : accounts) {
            disable(integration, account);
        }
        stack.start(Service.KEYS);
        long ready = System.nanoTime();
        Tokens last = obtained.get(obtained.size() - 1);
        while (active(integration, last.accessToken()) && System.nanoTime() - ready < Duration.ofSeconds(30).toNanos()) {
            Thread.sleep(10);
        }
        long window = Duration.ofNanos(System.nanoTime() - ready).toMillis();
        List<Tokens> live = obtained.stream().filter(tokens -> active(integration, tokens.accessToken())).toList();
        System.out.printf("Revocation window: the last of %d installations disabled while keys-service was down ended"
                + " %d ms after keys-service was ready again (%d tokens still active after it)%n", obtained.size(), window,
                live.size());
        assertThat(window, lessThanOrEqualTo(WINDOW_MILLIS));
        assertThat("tokens still active once the last one was not", live, empty());
        return obtained;
    }

    private Tokens tokensFromTheNextCode(Integration integration, long account, Set<String> tried) {
        String[] tokens = new String[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (Map<String, String> code : codes(integration)) {
                if (code.get("referer").equals("account" + account) && tried.add(code.get("code"))) {
                    var exchanged = exchange(integration, code.get("code")).extract();
                    if (exchanged.statusCode() == 200) {
                        tokens[0] = exchanged.path("access_token");
                        tokens[1] = exchanged.path("refresh_token");
                        return true;
                    }
                }
            }
            return false;
        });
        return new Tokens(account, tokens[0], tokens[1]);
    }

    private void assertRevoked(Integration integration, Tokens tokens) {
        assertThat("tokens of account " + tokens.account(), stillWorks(integration, tokens), is(false));
    }

    /** Whether either token introspects active, or the refresh token still refreshes. */
    private boolean stillWorks(Integration integration, Tokens tokens) {
        return active(integration, tokens.accessToken()) || active(integration, tokens.refreshToken())
                || tokenEndpoint(stack.url(Service.KEYS, lastReplica), Map.of("grant_type", "refresh_token",
                        "refresh_token", tokens.refreshToken(), "client_id", integration.id(),
                        "client_secret", integration.secretKey())).extract().statusCode() != 400;
    }

    /**
     * A token request, sent again after Retry-After while the endpoint's per-client limit answers 429: a refused
     * request says nothing about whether the code or refresh token still works, and these checks send fifty or more
     * requests for one client in a burst.
     */
    private static ValidatableResponse tokenEndpoint(String keysService, Map<String, String> form) {
        while (true) {
            ValidatableResponse answer = given().baseUri(keysService).formParams(form)
                    .when().post("/oauth2/access_token").then();
            if (answer.extract().statusCode() != 429) {
                return answer;
            }
            try {
                Thread.sleep(Duration.ofSeconds(Long.parseLong(answer.extract().header("Retry-After"))).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean active(Integration integration, String token) {
        return given().baseUri(stack.url(Service.KEYS, lastReplica))
                .auth().preemptive().basic(integration.id(), integration.secretKey()).formParam("token", token)
                .when().post("/oauth2/introspect").then().statusCode(200).extract().path("active");
    }

    private ValidatableResponse exchange(Integration integration, String code) {
        return tokenEndpoint(stack.url(Service.KEYS), Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", backend.url(integration.codePath()), "client_id", integration.id(),
                "client_secret", integration.secretKey()));
    }

    private void install(Integration integration, long account) {
        given().baseUri(stack.url(Service.INTEGRATIONS, 0)).auth().oauth2(TestTokens.user(account, false, Roles.ADMIN))
                .contentType("application/json").body(Map.of("language", "en"))
                .when().post(integration.installation()).then().statusCode(201);
    }

    private void disable(Integration integration, long account) {
        given().baseUri(stack.url(Service.INTEGRATIONS, lastReplica)).auth().oauth2(TestTokens.user(account, false, Roles.ADMIN))
                .when().delete(integration.installation()).then().statusCode(204);
    }

    /** The codes delivered (the redirect URL checks GET the same URL without a query). */
    private List<Map<String, String>> codes(Integration integration) {
        return backend.received(integration.codePath()).stream().filter(r -> r.rawQuery() != null)
                .map(r -> parameters(r.rawQuery())).toList();
    }

    /** What the developer's backend heard about the account, in the order it heard it: C for a code, R for a revoke. */
    private String notices(Integration integration, long account) {
        return backend.received().stream()
                .filter(r -> r.rawQuery() != null && (r.path().equals(integration.codePath())
                        && parameters(r.rawQuery()).get("referer").equals("account" + account)
                        || r.path().equals(integration.revokePath())
                        && parameters(r.rawQuery()).get("account_id").equals(Long.toString(account))))
                .map(r -> r.path().equals(integration.codePath()) ? "C" : "R")
                .collect(Collectors.joining());
    }

    /** Nothing left to deliver: integrations-service's outbox is empty and webhook-service has nothing pending. */
    private void awaitEveryEffectSettled(Integration integration) {
        await().atMost(Duration.ofSeconds(60)).until(() -> count("""
                SELECT (SELECT count(*) FROM integrations.outbox WHERE delivered_at IS NULL)
                     + (SELECT count(*) FROM webhooks.delivery WHERE integration_id = CAST(? AS uuid)
                        AND (status = 'pending' OR leased_until > now()))""", integration.id()) == 0);
    }

    private List<String> deliveryStatuses(Integration integration, String kind) throws Exception {
        List<String> statuses = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "");
                PreparedStatement query = db.prepareStatement(
                        "SELECT status FROM webhooks.delivery WHERE integration_id = CAST(? AS uuid) AND kind = ?")) {
            query.setString(1, integration.id());
            query.setString(2, kind);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.add(rows.getString(1));
                }
            }
        }
        return statuses;
    }

    private long count(String sql, String parameter) throws Exception {
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "");
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Integration publish() {
        long developer = nextAccount++;
        String id = MarketplaceSteps.publish(stack, TestTokens.technicalDeveloper(developer),
                TestTokens.user(MODERATOR, false, Roles.MODERATOR), "Revocation" + Long.toString(System.nanoTime(), 36));
        String codePath = "/oauth-" + id;
        String revokePath = "/revoke-" + id;
        pointAt(stack, TestTokens.technicalDeveloper(developer), id, backend.url(codePath), backend.url(revokePath));
        String secretKey = given().baseUri(stack.url(Service.KEYS)).auth().oauth2(TestTokens.technicalAdmin(developer))
                .when().get("/api/v1/integrations/" + id + "/keys").then().statusCode(200).extract().path("secret_key");
        return new Integration(developer, id, secretKey, codePath, revokePath);
    }
}
