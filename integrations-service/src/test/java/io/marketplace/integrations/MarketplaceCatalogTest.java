package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.newAccount;
import static io.marketplace.integrations.MarketplaceFixtures.complete;
import static io.marketplace.integrations.MarketplaceFixtures.published;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.marketplace.platform.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The marketplace catalog. Every test searches for words of its own, since the catalog is shared by all tests. */
@QuarkusTest
class MarketplaceCatalogTest {

    private static final AtomicInteger WORDS = new AtomicInteger();

    /** A word no other listing has, such as "orbit1234a". */
    private static String uniqueWord() {
        return "orbit" + ProcessHandle.current().pid() + (char) ('a' + WORDS.getAndIncrement() % 26) + WORDS.get();
    }

    private static Map<String, Map<String, String>> listings(String... languageAndName) {
        Map<String, Map<String, String>> listings = new LinkedHashMap<>();
        for (int i = 0; i < languageAndName.length; i += 2) {
            listings.put(languageAndName[i], Map.of("name", languageAndName[i + 1],
                    "short_description", "Short text in " + languageAndName[i]));
        }
        return listings;
    }

    private static ValidatableResponse search(Map<String, Object> parameters) {
        return given().queryParams(parameters).when().get("/api/v1/marketplace/integrations").then();
    }

    @Test
    void listsPublishedIntegrationsInTheAskedLanguageForAnyoneWithTheirIconUrl() {
        String word = uniqueWord();
        String id = published(newAccount(), listings("en", word + " English", "es", word + " Español"), "telephony");

        String iconUrl = search(Map.of("lang", "es", "q", word)).statusCode(200)
                .body("_embedded.integrations.id", contains(id))
                .body("_embedded.integrations[0].language", equalTo("es"))
                .body("_embedded.integrations[0].language_fallback", equalTo(false))
                .body("_embedded.integrations[0].name", equalTo(word + " Español"))
                .body("_embedded.integrations[0].short_description", equalTo("Short text in es"))
                .body("_embedded.integrations[0].category", equalTo("telephony"))
                .body("_embedded.integrations[0].testing", equalTo(false))
                .body("_embedded.integrations[0].icon_url", matchesPattern("/upl/[a-z0-9_]+/1/widget/images/es/logo_main\\.png"))
                .extract().path("_embedded.integrations[0].icon_url");
        given().when().get(iconUrl).then().statusCode(200).contentType("image/png");
    }

    @Test
    void fallsBackToTheIntegrationsFirstLanguageAndSaysSo() {
        String word = uniqueWord();
        published(newAccount(), listings("es", word + " Español", "en", word + " English"), null);

        search(Map.of("lang", "pt", "q", word)).statusCode(200)
                .body("_embedded.integrations[0].language", equalTo("es"))
                .body("_embedded.integrations[0].language_fallback", equalTo(true))
                .body("_embedded.integrations[0].name", equalTo(word + " Español"));
    }

    @Test
    void filtersByCategoryAndListsAnUncategorisedIntegrationUnderOther() {
        String word = uniqueWord();
        String telephony = published(newAccount(), listings("en", word + " Phone"), "telephony");
        String uncategorised = published(newAccount(), listings("en", word + " Plain"), null);

        search(Map.of("q", word, "category", "telephony")).body("_embedded.integrations.id", contains(telephony));
        search(Map.of("q", word, "category", "other")).body("_embedded.integrations.id", contains(uncategorised));
        search(Map.of("q", word)).body("_embedded.integrations.id", containsInAnyOrder(telephony, uncategorised));
    }

    @Test
    void searchesWordPrefixesInNameAndShortDescription() {
        String word = uniqueWord();
        String id = published(newAccount(), Map.of("en", Map.of("name", "Lead catcher",
                "short_description", "Catches " + word + "leads everywhere")), null);

        search(Map.of("q", word.substring(0, word.length() - 1))).body("_embedded.integrations.id", contains(id));
        search(Map.of("q", "lead " + word)).body("_embedded.integrations.id", contains(id));
        search(Map.of("q", word + " nosuchword")).body("_embedded.integrations", hasSize(0));
    }

    @Test
    void aTechnicalAccountAlsoSeesItsOwnUnpublishedIntegrationsMarkedTesting() {
        String word = uniqueWord();
        long developer = newAccount();
        String draft = complete(developer, listings("en", word + " Draft"));

        given().auth().oauth2(TestTokens.technicalAdmin(developer)).queryParam("q", word)
                .when().get("/api/v1/marketplace/integrations").then().statusCode(200)
                .body("_embedded.integrations.id", contains(draft))
                .body("_embedded.integrations[0].testing", equalTo(true));
        given().auth().oauth2(TestTokens.technicalAdmin(developer))
                .when().get("/api/v1/marketplace/integrations/{id}", draft).then().statusCode(200)
                .body("testing", equalTo(true));
        search(Map.of("q", word)).body("_embedded.integrations", hasSize(0));
        given().auth().oauth2(TestTokens.technicalAdmin(newAccount())).queryParam("q", word)
                .when().get("/api/v1/marketplace/integrations").then().body("_embedded.integrations", hasSize(0));
        given().when().get("/api/v1/marketplace/integrations/{id}", draft).then().statusCode(404);
    }

    @Test
    void showsACardWithTheWholeListingAndTheGalleryNewestFirst() {
        String word = uniqueWord();
        long developer = newAccount();
        String id = published(developer, listings("en", word + " Card"), "sales");

        List<String> gallery = given().queryParam("lang", "en").when().get("/api/v1/marketplace/integrations/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo(word + " Card"))
                .body("description", notNullValue())
                .body("support_email", equalTo("support@dev.example.com"))
                .body("version", equalTo(1))
                .body("icon_url", notNullValue())
                .body("gallery_urls", hasSize(2))
                .extract().path("gallery_urls");
        // the developer's own listing view shows the gallery newest first; the card shows it the same way
        List<String> newestFirst = Fixtures.asDeveloper(developer).when().get(ListingFixtures.listingPath(id, "en"))
                .then().statusCode(200).extract().path("gallery.url");
        assertThat(gallery, equalTo(newestFirst));
        given().when().get("/api/v1/marketplace/integrations/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void pagesTheResults() {
        String word = uniqueWord();
        published(newAccount(), listings("en", word + " One"), null);
        published(newAccount(), listings("en", word + " Two"), null);

        search(Map.of("q", word, "limit", "1")).body("_embedded.integrations", hasSize(1))
                .body("_links.next.href", notNullValue());
        search(Map.of("q", word, "limit", "1", "page", "2")).body("_embedded.integrations", hasSize(1))
                .body("_links.next", nullValue());
    }

    @Test
    void linksRepeatOnlyTheParametersTheCatalogReadsAsItReadThem() {
        String word = uniqueWord();
        published(newAccount(), listings("es", word + " Uno"), "sales");
        published(newAccount(), listings("es", word + " Dos"), "sales");
        String page = "/api/v1/marketplace/integrations?lang=es&category=sales&q=" + word + "%20short%20text";

        String next = given().queryParam("lang", "es").queryParam("category", "sales")
                .queryParam("q", word.toUpperCase() + ", Short+TEXT").queryParam("limit", "1")
                .queryParam("utm_source", "<newsletter>").queryParam("callback", "{x}")
                .when().get("/api/v1/marketplace/integrations").then().statusCode(200)
                .body("_links.self.href", endsWith(page + "&page=1&limit=1"))
                .body("_links.next.href", endsWith(page + "&page=2&limit=1"))
                .extract().path("_links.next.href");

        given().urlEncodingEnabled(false).when().get(next).then().statusCode(200)
                .body("_embedded.integrations", hasSize(1))
                .body("_links.self.href", endsWith(page + "&page=2&limit=1"))
                .body("_links.next", nullValue());
    }

    @Test
    void refusesAParameterItReadsGivenTwiceRatherThanPickingOne() {
        given().queryParam("lang", "es").queryParam("lang", "pt").queryParam("limit", "1").queryParam("limit", "2")
                .queryParam("utm_source", "a").queryParam("utm_source", "b")
                .when().get("/api/v1/marketplace/integrations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("lang", "limit"))
                .body("errors.code", everyItem(equalTo("duplicate_key")))
                .body("errors.find { it.field == 'lang' }.message", equalTo("lang is given more than once"));
        given().queryParam("lang", "es").queryParam("utm_source", "a").queryParam("utm_source", "b")
                .when().get("/api/v1/marketplace/integrations").then().statusCode(200);
    }

    @Test
    void namesEveryBadParameter() {
        search(Map.of("lang", "de", "category", "gardening", "limit", "0")).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("lang", "category", "limit"));
    }
}
