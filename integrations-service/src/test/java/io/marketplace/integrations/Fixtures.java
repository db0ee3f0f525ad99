package io.marketplace.integrations;

import static io.restassured.RestAssured.given;

import io.marketplace.platform.test.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Request builders shared by the integrations-service tests; each test uses its own accounts and widget codes. */
public final class Fixtures {

    private static final AtomicLong ACCOUNTS = new AtomicLong(ProcessHandle.current().pid() % 1000 * 100_000 + 1000);
    private static final AtomicInteger CODES = new AtomicInteger();

    private Fixtures() {
    }

    public static long newAccount() {
        return ACCOUNTS.incrementAndGet();
    }

    public static String uniqueCode() {
        return "w" + Long.toString(System.nanoTime(), 36) + "_" + CODES.incrementAndGet();
    }

    public static RequestSpecification asDeveloper(long account) {
        return given().auth().oauth2(TestTokens.technicalDeveloper(account)).contentType(ContentType.JSON);
    }

    public static Map<String, Object> validIntegration() {
        Map<String, Object> body = new HashMap<>();
        body.put("code", uniqueCode());
        body.put("redirect_uri", "https://dev.example.com/oauth/callback");
        body.put("revoke_url", "https://dev.example.com/revoked");
        body.put("scopes", List.of("crm", "notifications"));
        body.put("languages", List.of("en", "es"));
        return body;
    }

    /** Creates a valid integration in the account and answers its id. */
    public static String createIntegration(long account) {
        return asDeveloper(account).body(validIntegration())
                .when().post("/api/v1/integrations")
                .then().statusCode(201)
                .extract().path("id");
    }
}
