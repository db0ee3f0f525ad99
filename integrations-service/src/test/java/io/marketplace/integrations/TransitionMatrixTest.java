package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.restassured.RestAssured.given;

import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every move from every status: the five allowed ones succeed, every other one is a 409 and changes nothing. */
@QuarkusTest
class TransitionMatrixTest {

    private static final Set<String> ALLOWED = Set.of("draft review", "in_review cancel", "in_review approve",
            "in_review reject", "approved publish");

    @Inject
    EntityManager entityManager;

    static Stream<Arguments> everyStatusAndMove() {
        return Arrays.stream(VersionStatus.values()).flatMap(status ->
                Stream.of("review", "cancel", "approve", "reject", "publish").map(move -> Arguments.of(status, move)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyStatusAndMove")
    void onlyTheMovesOfTheLifecycleAreAllowed(VersionStatus status, String move) {
        long account = newAccount();
        String id = VersionLifecycleTest.readyIntegration(account);
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createQuery("update IntegrationVersion v set v.status = ?1 where v.integration.id = ?2")
                .setParameter(1, status).setParameter(2, UUID.fromString(id)).executeUpdate());
        boolean moderatorMove = move.equals("approve") || move.equals("reject");
        var request = moderatorMove
                ? given().auth().oauth2(TestTokens.user(1, false, Roles.MODERATOR)).contentType("application/json")
                : asDeveloper(account);
        int expected = ALLOWED.contains(status.code() + " " + move) ? 200 : 409;

        request.body(move.equals("reject") ? Map.of("reason", "No") : Map.of())
                .when().post("/api/v1/integrations/" + id + "/versions/1/" + move)
                .then().statusCode(expected);
        if (expected == 409) {
            asDeveloper(account).when().get("/api/v1/integrations/" + id + "/versions/1")
                    .then().body("status", org.hamcrest.Matchers.equalTo(status.code()));
        }
    }
}
