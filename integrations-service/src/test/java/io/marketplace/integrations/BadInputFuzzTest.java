package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static io.marketplace.integrations.ListingFixtures.imageUpload;
import static io.marketplace.integrations.ListingFixtures.listingPath;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.platform.test.fixtures.Images;
import io.marketplace.platform.test.fuzz.ContractFuzzer;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every operation of both documents, swept with bad input (skip locally with -DexcludedGroups=fuzz). */
@QuarkusTest
@Tag("fuzz")
class BadInputFuzzTest {

    @Test
    void noInputBreaksAnOperation() {
        long account = Fixtures.newAccount();
        String id = MarketplaceFixtures.complete(account, Map.of("en", Map.of()));
        String code = asDeveloper(account).when().get("/api/v1/integrations/" + id).then().statusCode(200)
                .extract().path("code");
        String imageId = imageUpload(account, Images.jpeg(1188, 616), "image/jpeg")
                .when().post(listingPath(id, "en") + "/gallery").then().statusCode(201).extract().path("id");
        ContractFuzzer.Report report = ContractFuzzer
                .of(account, Map.of("id", id, "n", "1", "lang", "en", "imageId", imageId, "code", code,
                        "version", "1", "path", "script.js"), "keys-service", Set.of("outbox", "processed_event"))
                .answersInvalidBodiesWithAReport("POST /api/v1/integrations/{id}/archive-checks")
                .startingFrom("POST /internal/v1/events", """
                        {"events": [{"event_id": "%s", "type": "redirect_uri.checked", "occurred_at": "%s",
                          "data": {"integration_id": "%s", "status": "failing", "checked_at": "%s",
                                   "error": "connection refused"}}]}"""
                        .formatted(UUID.randomUUID(), Instant.now(), id, Instant.now()))
                .sweep();
        assertThat(report.brokenPromises(), empty());
        // every operation got its cases, at least the Accept, header-size and URL-length ones
        assertThat(report.requests(), greaterThanOrEqualTo(4 * report.operations()));
    }

    /** The sweep can fail: an operation that answers a 500 is reported with what it answered (its error_id). */
    @Test
    void reportsAnOperationThatFailsUnexpectedly() throws Exception {
        JsonNode failing = new ObjectMapper().readTree("""
                {"paths": {"/test-support/failure": {"get": {"responses": {"200": {"description": "never"}}}}}}""");
        ContractFuzzer.Report report = ContractFuzzer.of(Fixtures.newAccount(), Map.of(), "keys-service",
                Set.of("outbox", "processed_event")).sweep(failing);
        assertThat(report.brokenPromises(),
                hasItem(startsWith("GET /test-support/failure [no Accept]: 500 error_id ")));
    }
}
