package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.ListingFixtures.imageUpload;
import static io.marketplace.integrations.ListingFixtures.listingPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.marketplace.platform.test.NeighboursStub.EVENTS_PATH;
import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.marketplace.platform.security.Roles;
import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fixtures.Images;
import io.marketplace.platform.test.fixtures.WidgetZip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Integrations taken all the way to the marketplace: listings (with images) per language, archive, review, publication. */
final class MarketplaceFixtures {

    private MarketplaceFixtures() {
    }

    /** A draft integration whose version 1 is complete, with the given listing text per language (in that order). */
    static String complete(long account, Map<String, Map<String, String>> listings) {
        Map<String, Object> body = Fixtures.validIntegration();
        List<String> languages = new ArrayList<>(listings.keySet());
        body.put("languages", languages);
        String id = asDeveloper(account).body(body).when().post("/api/v1/integrations")
                .then().statusCode(201).extract().path("id");
        asDeveloper(account).body(Map.of("duplicate_control", true, "multiple_sources", false, "owner_company", "Acme"))
                .when().put("/api/v1/integrations/" + id + "/versions/1/settings").then().statusCode(200);
        listings.forEach((language, text) -> {
            Map<String, Object> listing = ListingFixtures.completeListing();
            listing.putAll(text);
            asDeveloper(account).body(listing).when().put(listingPath(id, language)).then().statusCode(200);
            imageUpload(account, Images.png(400, 272), "image/png").when().put(listingPath(id, language) + "/icon")
                    .then().statusCode(200);
            imageUpload(account, Images.png(108, 108), "image/png").when().put(listingPath(id, language) + "/installed-logo")
                    .then().statusCode(200);
            for (int i = 0; i < 2; i++) {
                imageUpload(account, Images.jpeg(1188, 616), "image/jpeg").when().post(listingPath(id, language) + "/gallery")
                        .then().statusCode(201);
            }
        });
        given().auth().oauth2(TestTokens.technicalDeveloper(account)).contentType("application/zip")
                .body(WidgetZip.valid(languages).bytes())
                .when().put("/api/v1/integrations/" + id + "/versions/1/archive").then().statusCode(200);
        return id;
    }

    /** The same, reviewed, approved and published in {@code category} (null: none chosen). */
    static String published(long account, Map<String, Map<String, String>> listings, String category) {
        String id = complete(account, listings);
        String version = "/api/v1/integrations/" + id + "/versions/1";
        asDeveloper(account).when().post(version + "/review").then().statusCode(200);
        given().auth().oauth2(TestTokens.user(9_000_001L, false, Roles.MODERATOR)).contentType("application/json")
                .when().post(version + "/approve").then().statusCode(200);
        asDeveloper(account).body(category == null ? Map.of() : Map.of("category", category))
                .when().post(version + "/publish").then().statusCode(200);
        return id;
    }

    /**
     * The events of one type about the integration that the outbox delivered to the neighbours' stub, once per fact: an
     * event sent to two neighbours (installation.enabled to keys- and stats-service) is counted once.
     */
    static List<JsonNode> deliveredEvents(WireMockServer neighbours, String type, String integrationId) {
        Map<JsonNode, JsonNode> found = new LinkedHashMap<>();
        neighbours.findAll(postRequestedFor(urlEqualTo(EVENTS_PATH))).forEach(request -> {
            try {
                new ObjectMapper().readTree(request.getBodyAsString()).get("events").forEach(event -> {
                    if (event.get("type").asText().equals(type)
                            && event.at("/data/integration_id").asText().equals(integrationId)) {
                        found.putIfAbsent(event.get("data"), event);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new ArrayList<>(found.values());
    }
}
