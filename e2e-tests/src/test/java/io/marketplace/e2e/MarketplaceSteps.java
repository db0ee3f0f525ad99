package io.marketplace.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.marketplace.e2e.Stack.Service;
import io.marketplace.platform.test.fixtures.Images;
import io.marketplace.platform.test.fixtures.WidgetZip;
import io.restassured.specification.RequestSpecification;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What the end-to-end flows do the same way whoever issued the tokens: publishing, calling a service, checking. */
final class MarketplaceSteps {

    private MarketplaceSteps() {
    }

    static RequestSpecification as(Stack stack, String token, Service service) {
        return given().baseUri(stack.url(service)).auth().oauth2(token).contentType("application/json");
    }

    /** Creates, describes, uploads, sends to review, has approved and publishes an integration in English. */
    static String publish(Stack stack, String developerToken, String moderatorToken, String name) {
        String id = as(stack, developerToken, Service.INTEGRATIONS)
                .body(Map.of("code", "e2e" + Long.toString(System.nanoTime(), 36), "redirect_uri", "https://dev.example.com/oauth",
                        "revoke_url", "https://dev.example.com/revoke", "scopes", List.of("crm"), "languages", List.of("en")))
                .when().post("/api/v1/integrations").then().statusCode(201).extract().path("id");
        String version = "/api/v1/integrations/" + id + "/versions/1";
        as(stack, developerToken, Service.INTEGRATIONS)
                .body(Map.of("duplicate_control", true, "multiple_sources", false, "owner_company", "Acme"))
                .when().put(version + "/settings").then().statusCode(200);
        as(stack, developerToken, Service.INTEGRATIONS).body(Map.of("name", name, "short_description", "Keeps leads in sync",
                        "description", "Synchronises leads every minute.",
                        "installed_description", "Welcome #ACCOUNT_SUBDOMAIN#!", "privacy_policy_url", "https://dev.example.com/privacy",
                        "support_url", "https://dev.example.com/support", "support_email", "support@dev.example.com"))
                .when().put(version + "/listings/en").then().statusCode(200);
        upload(stack, developerToken, version + "/listings/en/icon", Images.png(400, 272), "image/png", "PUT", 200);
        upload(stack, developerToken, version + "/listings/en/installed-logo", Images.png(108, 108), "image/png", "PUT", 200);
        upload(stack, developerToken, version + "/listings/en/gallery", Images.jpeg(1188, 616), "image/jpeg", "POST", 201);
        upload(stack, developerToken, version + "/archive", WidgetZip.valid(List.of("en")).bytes(), "application/zip", "PUT", 200);
        as(stack, developerToken, Service.INTEGRATIONS).when().post(version + "/review").then().statusCode(200);
        as(stack, moderatorToken, Service.INTEGRATIONS).when().post(version + "/approve").then().statusCode(200);
        as(stack, developerToken, Service.INTEGRATIONS).body(Map.of("category", "sales"))
                .when().post(version + "/publish").then().statusCode(200).body("status", equalTo("published"));
        return id;
    }

    /**
     * Review wants https URLs; the developer then points the published integration at its loopback backend, and
     * keys-service has the new redirect URL once integrations-service's outbox is drained.
     */
    static void pointAt(Stack stack, String developerToken, String id, String redirectUri, String revokeUrl) {
        as(stack, developerToken, Service.INTEGRATIONS)
                .body(Map.of("redirect_uri", redirectUri, "revoke_url", revokeUrl))
                .contentType("application/merge-patch+json")
                .when().patch("/api/v1/integrations/" + id).then().statusCode(200);
        awaitOutboxDrained(stack);
    }

    private static void upload(Stack stack, String token, String path, byte[] body, String contentType, String method, int status) {
        given().baseUri(stack.url(Service.INTEGRATIONS)).auth().oauth2(token).contentType(contentType).body(body)
                .when().request(method, path).then().statusCode(status);
    }

    /** Waits until integrations-service has delivered every event it wrote (keys-service knows the new redirect URL). */
    static void awaitOutboxDrained(Stack stack) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), "postgres", "");
                    Statement statement = db.createStatement();
                    ResultSet pending = statement.executeQuery(
                            "SELECT count(*) FROM integrations.outbox WHERE delivered_at IS NULL AND destination = 'keys-service'")) {
                pending.next();
                return pending.getInt(1) == 0;
            }
        });
    }

    static Map<String, String> parameters(String rawQuery) {
        return Arrays.stream(rawQuery.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    static byte[] hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }
}
