package io.marketplace.stats;

import static io.restassured.RestAssured.when;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A start that records the start-up cache (deploy/service-jvm.sh names a marker file) writes the marker once the
 * service has started: without it the script takes the cache for one of a failed start and records it again.
 */
@QuarkusTest
@TestProfile(StartCacheRecordingTest.RecordingStart.class)
class StartCacheRecordingTest {
    static final Path MARKER = markerPath();

    public static class RecordingStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("marketplace.start-cache.started-marker", MARKER.toString());
        }
    }

    @Test
    void writesTheMarkerTheScriptNamedOnceStarted() {
        when().get("/q/health/ready").then().statusCode(200);

        assertThat("marker written", Files.exists(MARKER), equalTo(true));
    }

    private static Path markerPath() {
        try {
            Path marker = Files.createTempFile("start-cache", ".started");
            // the service creates it: a leftover must not pass the test
            Files.delete(marker);
            return marker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
