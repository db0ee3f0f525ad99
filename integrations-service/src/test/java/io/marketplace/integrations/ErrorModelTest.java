package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.Fixtures.newAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every error, wherever it arises, is application/problem+json. */
@QuarkusTest
class ErrorModelTest {

    @Test
    void answersAnUnknownRouteWithAProblem() {
        asDeveloper(newAccount())
                .when().get("/api/v1/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        given().when().get("/nothing/here")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void answersAnUnsupportedMethodWithAProblem() {
        asDeveloper(newAccount())
                .when().delete("/api/v1/integrations")
                .then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void answersAnUnsupportedContentTypeWithAProblem() {
        given().auth().oauth2(io.marketplace.platform.test.TestTokens.technicalDeveloper(newAccount()))
                .contentType("text/plain").body("code=abc")
                .when().post("/api/v1/integrations")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void refusesABodyWithoutAContentTypeAndCreatesNothing() throws Exception {
        long account = newAccount();
        // REST Assured always names a content type, so the request is made with the JDK's client, which names none
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/integrations"))
                .header("Authorization", "Bearer " + TestTokens.technicalDeveloper(account))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"no_type\", \"redirect_uri\": "
                        + "\"https://dev.example.com/oauth\", \"scopes\": [\"crm\"], \"languages\": [\"en\"]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode(), equalTo(415));
        assertThat(answer.headers().firstValue("Content-Type").orElse(""), equalTo("application/problem+json"));
        asDeveloper(account).when().get("/api/v1/integrations")
                .then().statusCode(200).body("_embedded.integrations.size()", equalTo(0));
    }

    /** Generated clients ask a 204 operation only for what its errors are, since its success has no body. */
    @Test
    void deletesForAClientThatAcceptsOnlyProblems() {
        long account = newAccount();
        String id = Fixtures.createIntegration(account);
        asDeveloper(account).accept("application/problem+json")
                .when().delete("/api/v1/integrations/" + id)
                .then().statusCode(204);
        asDeveloper(account).when().get("/api/v1/integrations/" + id).then().statusCode(404);
    }

    @Test
    void answersAnOversizedBodyWithAProblem() {
        asDeveloper(newAccount()).body("{\"code\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}")
                .when().post("/api/v1/integrations")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void servesHealthAndOpenApiAnonymously() {
        given().when().get("/q/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("integrations-service"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/integrations"));
    }

    @Test
    void answersAnUnacceptableMediaTypeWithAProblem() {
        asDeveloper(newAccount()).accept("application/xml")
                .when().get("/api/v1/integrations")
                .then().statusCode(406)
                .contentType("application/problem+json");
    }

    @Test
    void answersAnUnexpectedFailureWithAnErrorIdAndNoDetails() {
        given().when().get("/test-support/failure")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("error_id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"))
                .body(org.hamcrest.Matchers.not(containsString(FailingResource.SECRET_DETAIL)))
                .body(org.hamcrest.Matchers.not(containsString("IllegalStateException")));
    }

    @Test
    void neverShowsAStackTrace() {
        asDeveloper(newAccount()).body("{\"code\": [[[[")
                .when().post("/api/v1/integrations")
                .then().statusCode(400)
                .body(org.hamcrest.Matchers.not(containsString("at io.")))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
    }
}
