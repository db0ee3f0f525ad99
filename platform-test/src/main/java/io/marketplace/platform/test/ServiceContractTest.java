package io.marketplace.platform.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.marketplace.platform.security.Roles;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every service promises whatever its domain: anonymous health and OpenAPI, problem+json errors, and an
 * events inbox that only services may call. Each service runs it with a {@code @QuarkusTest} subclass.
 */
public abstract class ServiceContractTest {

    protected abstract String serviceName();

    @Test
    void servesHealthAnonymously() {
        given().when().get("/q/health")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void servesItsOpenApiDocumentAnonymously() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo(serviceName()));
    }

    /** A client generated from the document reads and writes the same field names as the service (snake_case). */
    @Test
    @SuppressWarnings("unchecked")
    void namesEveryDocumentedPropertyAsItIsOnTheWire() {
        Map<String, Map<String, Object>> schemas = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().path("components.schemas");
        List<String> camelCase = schemas.entrySet().stream()
                .flatMap(schema -> ((Map<String, Object>) schema.getValue().getOrDefault("properties", Map.of())).keySet()
                        .stream().filter(property -> !property.equals(property.toLowerCase(Locale.ROOT)))
                        .map(property -> schema.getKey() + "." + property))
                .toList();
        assertThat(camelCase, empty());
    }

    /** A generated client names each method after the operation's stable id, never after its path. */
    @Test
    @SuppressWarnings("unchecked")
    void givesEveryOperationAUniqueOperationId() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().path("paths");
        List<String> ids = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> details && details.containsKey("responses")) {
                Object id = details.get("operationId");
                if (id == null) {
                    missing.add(method.toUpperCase(Locale.ROOT) + " " + path);
                } else {
                    ids.add((String) id);
                }
            }
        }));
        assertThat(missing, empty());
        assertThat(ids.size(), equalTo(new HashSet<>(ids).size()));
    }

    /**
     * What a client generator and a reader need of every operation: words, a tag, who may call it, an example of
     * every JSON body, and the error schema of every error answer.
     */
    @Test
    @SuppressWarnings("unchecked")
    void describesEveryOperationCompletely() {
        Map<String, Map<String, Object>> paths = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().path("paths");
        List<String> gaps = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> raw) || !raw.containsKey("responses")) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) raw;
            String name = method.toUpperCase(Locale.ROOT) + " " + path;
            for (String required : List.of("summary", "description", "tags", "security")) {
                if (!operation.containsKey(required)) {
                    gaps.add(name + ": no " + required);
                }
            }
            ((List<Map<String, List<String>>>) operation.getOrDefault("security", List.of())).forEach(requirement ->
                    requirement.forEach((scheme, roles) -> {
                        if (!roles.isEmpty() && !scheme.equals("bearer")) {
                            gaps.add(name + ": roles " + roles + " on the " + scheme + " scheme, not on bearer tokens");
                        }
                    }));
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            if (body != null) {
                gaps.addAll(bodiesWithoutExample(name + " request", (Map<String, Object>) body.get("content")));
            }
            ((Map<String, Map<String, Object>>) operation.get("responses")).forEach((status, response) -> {
                Map<String, Object> content = (Map<String, Object>) response.get("content");
                gaps.addAll(bodiesWithoutExample(name + " " + status, content));
                if (status.startsWith("4") || status.startsWith("5")) {
                    String schemas = content == null ? "" : content.values().toString();
                    if (!schemas.contains("#/components/schemas/Problem")
                            && !schemas.contains("#/components/schemas/OAuthError")) {
                        gaps.add(name + " " + status + ": not a problem or an OAuth error");
                    }
                }
            });
        }));
        assertThat(gaps, empty());
    }

    @SuppressWarnings("unchecked")
    private static List<String> bodiesWithoutExample(String where, Map<String, Object> content) {
        List<String> gaps = new ArrayList<>();
        if (content != null) {
            content.forEach((type, media) -> {
                Map<String, Object> details = (Map<String, Object>) media;
                if (type.contains("json") && !details.containsKey("example") && !details.containsKey("examples")) {
                    gaps.add(where + " " + type + ": no example");
                }
            });
        }
        return gaps;
    }

    /** Service-to-service operations are in their own document, never among the ones frontends generate from. */
    @Test
    @SuppressWarnings("unchecked")
    void keepsInternalOperationsInTheirOwnDocument() {
        Map<String, Object> publicPaths = given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).body("servers[0].url", startsWith("http")).extract().path("paths");
        assertThat(publicPaths.keySet().stream().filter(path -> path.startsWith("/internal/")).toList(), empty());
        Map<String, Object> internalPaths = given().queryParam("format", "json").when().get("/q/openapi-internal")
                .then().statusCode(200).extract().path("paths");
        assertThat(internalPaths.keySet(), hasItem("/internal/v1/events"));
        assertThat(internalPaths.keySet().stream().filter(path -> !path.startsWith("/internal/")).toList(), empty());
    }

    /** The guarantee behind the tests of every service: each response they receive is held to this document. */
    @Test
    void holdsEveryResponseOfTheTestsToTheDocument() {
        assertThat(RestAssured.filters().stream().map(filter -> String.valueOf(filter.getClass().getEnclosingClass()))
                .toList(), hasItem(String.valueOf(DocumentedResponses.class)));
    }

    @Test
    void answersUnknownRoutesWithAProblem() {
        given().when().get("/api/v1/does-not-exist")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void refusesTheEventsInboxWithoutAToken() {
        given().contentType(ContentType.JSON).body(oneEvent("anything"))
                .when().post("/internal/v1/events")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void refusesTheEventsInboxToUsers() {
        given().auth().oauth2(TestTokens.user(1, true, Roles.DEVELOPER, Roles.ADMIN, Roles.MODERATOR))
                .contentType(ContentType.JSON).body(oneEvent("anything"))
                .when().post("/internal/v1/events")
                .then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void rejectsEventTypesItDoesNotHandle() {
        given().auth().oauth2(TestTokens.service("a-neighbour"))
                .contentType(ContentType.JSON).body(oneEvent("no.such.event"))
                .when().post("/internal/v1/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("events[0].type"));
    }

    protected static String oneEvent(String type) {
        return "{\"events\": [{\"event_id\": \"" + UUID.randomUUID() + "\", \"type\": \"" + type
                + "\", \"occurred_at\": \"" + Instant.now() + "\", \"data\": {}}]}";
    }
}
