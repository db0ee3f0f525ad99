package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.Fixtures.validIntegration;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.NeighboursStub;
import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(value = NeighboursStub.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "neighbours", value = "keys-service,webhook-service,stats-service"))
class CreateIntegrationTest {

    @Test
    void createsIntegrationWithDraftVersionOne() {
        long account = newAccount();
        Map<String, Object> body = validIntegration();

        asDeveloper(account).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", matchesPattern(".*/api/v1/integrations/[0-9a-f-]{36}"))
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("code", equalTo(body.get("code")))
                .body("owner_account_id", equalTo((int) account))
                .body("redirect_uri", equalTo("https://dev.example.com/oauth/callback"))
                .body("revoke_url", equalTo("https://dev.example.com/revoked"))
                .body("scopes", contains("crm", "notifications"))
                .body("languages", contains("en", "es"))
                .body("status", equalTo("draft"))
                .body("versions", hasSize(1))
                .body("versions[0].number", equalTo(1))
                .body("versions[0].status", equalTo("draft"))
                .body("created_at", notNullValue());
    }

    @Test
    void readsBackWhatWasCreated() {
        long account = newAccount();
        String id = Fixtures.createIntegration(account);

        asDeveloper(account)
                .when().get("/api/v1/integrations/{id}", id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("versions[0].status", equalTo("draft"));
    }

    @Test
    void revokeUrlIsOptionalAndPlainHttpIsAllowedWhileTesting() {
        Map<String, Object> body = validIntegration();
        body.remove("revoke_url");
        body.put("redirect_uri", "http://localhost:3000/callback");

        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(201)
                .body("revoke_url", nullValue())
                .body("redirect_uri", equalTo("http://localhost:3000/callback"));
    }

    @Test
    void repeatedScopesAndLanguagesCountOnce() {
        Map<String, Object> body = validIntegration();
        body.put("scopes", List.of("crm", "crm", "files"));
        body.put("languages", List.of("pt", "en", "pt"));

        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(201)
                .body("scopes", contains("crm", "files"))
                .body("languages", contains("pt", "en"));
    }

    @Test
    void forbidsAccountsThatAreNotTechnical() {
        long account = newAccount();
        given().auth().oauth2(TestTokens.user(account, false, Roles.DEVELOPER, Roles.ADMIN))
                .contentType(ContentType.JSON).body(validIntegration())
                .when().post("/api/v1/integrations")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403))
                .body("detail", containsString("technical accounts"));

        asDeveloper(account).when().get("/api/v1/integrations")
                .then().statusCode(200).body("_embedded.integrations", hasSize(0));
    }

    @Test
    void forbidsUsersWithoutDeveloperOrAdminRole() {
        given().auth().oauth2(TestTokens.user(newAccount(), true, Roles.MODERATOR))
                .contentType(ContentType.JSON).body(validIntegration())
                .when().post("/api/v1/integrations")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void requiresABearerToken() {
        given().contentType(ContentType.JSON).body(validIntegration())
                .when().post("/api/v1/integrations")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void rejectsTokensSignedByAnUnknownKey() {
        given().auth().oauth2(TestTokens.signedByUnknownKey(newAccount()))
                .contentType(ContentType.JSON).body(validIntegration())
                .when().post("/api/v1/integrations")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsATokenWithoutAccountId() {
        given().auth().oauth2(TestTokens.service("integrations-service"))
                .when().get("/api/v1/integrations")
                .then().statusCode(403);
    }

    @Test
    void listsEveryFailingFieldAtOnce() {
        Map<String, Object> body = Map.of(
                "code", "2fast",
                "redirect_uri", "javascript:alert(1)",
                "revoke_url", "/relative/path",
                "scopes", List.of("crm", "everything", "files"),
                "languages", List.of("de", "en", "fr"));

        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:marketplace:problem:validation"))
                .body("title", notNullValue())
                .body("status", equalTo(400))
                .body("errors.field", containsInAnyOrder(
                        "code", "redirect_uri", "revoke_url", "scopes[1]", "languages[0]", "languages[2]"))
                .body("errors.find { it.field == 'scopes[1]' }.message", containsString("'everything'"))
                .body("errors.find { it.field == 'code' }.code", equalTo("invalid_first_character"));
    }

    @Test
    void reportsEveryMissingRequiredField() {
        asDeveloper(newAccount()).body("{}")
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("code", "redirect_uri", "scopes", "languages"))
                .body("errors.code", hasItem("required"));
    }

    @Test
    void rejectsEmptyScopesAndLanguages() {
        Map<String, Object> body = validIntegration();
        body.put("scopes", List.of());
        body.put("languages", List.of());

        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .body("errors.field", containsInAnyOrder("scopes", "languages"));
    }

    @Test
    void rejectsUrlsWithoutHostCredentialsOrFragment() {
        for (String url : List.of("https://", "https:///path", "ftp://dev.example.com/x", "https://user:pw@dev.example.com/",
                "https://dev.example.com/cb#frag", "dev.example.com/callback", "not a url")) {
            Map<String, Object> body = validIntegration();
            body.put("redirect_uri", url);
            asDeveloper(newAccount()).body(body)
                    .when().post("/api/v1/integrations")
                    .then().statusCode(400)
                    .body("errors.field", contains("redirect_uri"));
        }
    }

    /** Refused under every policy, the loopback-only one of the tests included. */
    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/x",
            "http://10.0.0.1/x", "http://0.0.0.0/x", "http://[::]/x", "http://100.64.0.1/x", "http://224.0.0.1/x",
            "http://[fe80::1%25eth0]/x", "http://0x7f000001/x", "http://2130706433/x", "http://0177.0.0.1/x"})
    void refusesARedirectOrRevokeUrlThatTheOutboundPolicyWouldNeverCall(String url) {
        long account = newAccount();
        createWithRedirectAndRevokeUrl(account, url);
        asDeveloper(account).when().get("/api/v1/integrations").then().statusCode(200).body("_embedded.integrations", hasSize(0));

        String id = Fixtures.createIntegration(account);
        patchRevokeUrl(account, id, url).body("errors[0].code", equalTo("unsafe_url"));
        asDeveloper(account).when().get("/api/v1/integrations/" + id)
                .then().statusCode(200).body("revoke_url", equalTo("https://dev.example.com/revoked"));
    }

    /** A port no connection can use is refused under every policy; the tests' loopback-only one opens every other. */
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:0/cb", "http://127.0.0.1:65536/cb", "http://[::1]:99999/cb",
            "http://localhost:2147483648/cb"})
    void rejectsARedirectOrRevokeUrlWithAPortOutOfRange(String url) {
        long account = newAccount();
        createWithRedirectAndRevokeUrl(account, url)
                .body("errors.message", containsInAnyOrder("redirect_uri must have a port from 1 to 65535",
                        "revoke_url must have a port from 1 to 65535"));

        String id = Fixtures.createIntegration(account);
        patchRevokeUrl(account, id, url);
        asDeveloper(account).body(Map.of("revoke_url", "http://127.0.0.1:65535/revoked"))
                .when().patch("/api/v1/integrations/" + id)
                .then().statusCode(200)
                .body("revoke_url", equalTo("http://127.0.0.1:65535/revoked"));
    }

    @Test
    void refusesACallbackUrlCarryingAParameterWebhookServiceAddsToItsRequests() {
        long account = newAccount();
        Map<String, Object> body = validIntegration();
        body.put("redirect_uri", "https://dev.example.com/oauth?tenant=7&code=mine");
        body.put("revoke_url", "https://dev.example.com/revoked?client%5Fid=mine");
        asDeveloper(account).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.code", everyItem(equalTo("reserved_parameter")))
                .body("errors.message", containsInAnyOrder(
                        "redirect_uri must not carry code: webhook-service adds it to every request to this URL",
                        "revoke_url must not carry client_id: webhook-service adds it to every request to this URL"));

        String id = Fixtures.createIntegration(account);
        patchRevokeUrl(account, id, "https://dev.example.com/revoked?signature=x");
        // parameters of its own, and names only the other URL gets, stay the developer's
        asDeveloper(account).body(Map.of("redirect_uri", "https://dev.example.com/oauth?tenant=7&client_id=mine",
                        "revoke_url", "https://dev.example.com/revoked?tenant=7&state=x"))
                .when().patch("/api/v1/integrations/" + id)
                .then().statusCode(200)
                .body("redirect_uri", equalTo("https://dev.example.com/oauth?tenant=7&client_id=mine"));
    }

    /** A create with {@code url} as both redirect and revoke URL, refused for both. */
    private static ValidatableResponse createWithRedirectAndRevokeUrl(long account, String url) {
        Map<String, Object> body = validIntegration();
        body.put("redirect_uri", url);
        body.put("revoke_url", url);
        return asDeveloper(account).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("redirect_uri", "revoke_url"));
    }

    /** A PATCH of the revoke URL to {@code url}, refused. */
    private static ValidatableResponse patchRevokeUrl(long account, String id, String url) {
        return asDeveloper(account).body(Map.of("revoke_url", url))
                .when().patch("/api/v1/integrations/" + id)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("revoke_url"));
    }

    @Test
    void namesTheAddressKindInTheMessage() {
        Map<String, Object> body = validIntegration();
        body.put("revoke_url", "http://169.254.169.254/latest/meta-data/");
        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .body("errors[0].code", equalTo("unsafe_url"))
                .body("errors[0].message", equalTo(
                        "revoke_url points at a link-local address, which is never reached"));
    }

    @Test
    void rejectsMalformedJson() {
        asDeveloper(newAccount()).body("{\"code\": \"abc\", ")
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:marketplace:problem:malformed-request"))
                .body("detail", containsString("Malformed JSON"));
    }

    @Test
    void rejectsWrongJsonTypesNamingTheField() {
        Map<String, Object> body = validIntegration();
        body.put("scopes", Map.of("crm", true));

        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("scopes"))
                .body("errors[0].code", equalTo("invalid_type"));
    }

    @Test
    void namesTheExpectedTypeOfAScalarInPlainWords() {
        for (Map.Entry<String, Object> wrong : List.of(Map.<String, Object>entry("code", 7), Map.<String, Object>entry("code", 1.5),
                Map.<String, Object>entry("redirect_uri", true))) {
            Map<String, Object> body = validIntegration();
            body.put(wrong.getKey(), wrong.getValue());
            asDeveloper(newAccount()).body(body)
                    .when().post("/api/v1/integrations")
                    .then().statusCode(400)
                    .body("errors[0].code", equalTo("invalid_type"))
                    .body("errors[0].message", equalTo(wrong.getKey() + " must be a string"));
        }
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        asDeveloper(newAccount()).body("[1, 2]")
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("The body must be an object in JSON"));
    }

    @Test
    void rejectsUnknownFields() {
        Map<String, Object> body = validIntegration();
        body.put("redirect_url", "https://typo.example.com");

        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("redirect_url"))
                .body("errors[0].code", equalTo("unknown_field"));
    }

    @Test
    void rejectsAMissingBody() {
        asDeveloper(newAccount())
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsAHugeCodeWithoutEchoingIt() {
        Map<String, Object> body = validIntegration();
        body.put("code", "a".repeat(1024 * 1024 - 300));

        String answer = asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("code"))
                .body("errors[0].code", equalTo("too_long"))
                .extract().asString();
        org.hamcrest.MatcherAssert.assertThat(answer.length(), lessThan(2000));
    }

    @Test
    void rejectsADuplicateCodeIgnoringCase() {
        long account = newAccount();
        Map<String, Object> body = validIntegration();
        String code = (String) body.get("code");
        asDeveloper(account).body(body).when().post("/api/v1/integrations").then().statusCode(201);

        body.put("code", code.substring(0, 1) + code.substring(1).toUpperCase());
        asDeveloper(newAccount()).body(body)
                .when().post("/api/v1/integrations")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("code"))
                .body("errors[0].code", equalTo("taken"));
    }

    @Test
    void leavesNothingBehindAfterBadInput() {
        long account = newAccount();
        Map<String, Object> body = validIntegration();
        body.put("languages", List.of("xx"));
        asDeveloper(account).body(body).when().post("/api/v1/integrations").then().statusCode(400);

        asDeveloper(account).when().get("/api/v1/integrations")
                .then().statusCode(200)
                .body("_embedded.integrations", hasSize(0));
        // the code was not reserved by the failed attempt
        body.put("languages", List.of("en"));
        asDeveloper(account).body(body).when().post("/api/v1/integrations").then().statusCode(201)
                .body("code", equalTo(body.get("code")))
                .header("Location", not(endsWith("/")));
    }
}
