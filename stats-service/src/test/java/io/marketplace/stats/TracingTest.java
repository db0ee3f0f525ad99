package io.marketplace.stats;

import static io.marketplace.stats.StatsFixtures.event;
import static io.marketplace.stats.StatsFixtures.newAccount;
import static io.marketplace.stats.StatsFixtures.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.marketplace.platform.test.TracingOn;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With tracing on, handling an event continues the trace of the request that caused it in the sending service. */
@QuarkusTest
@TestProfile(TracingOn.class)
class TracingTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String PARENT_SPAN_ID = "b7ad6b7169203331";

    @Inject
    InMemorySpanExporter spans;

    @Test
    void anInstallEventIsHandledInTheTraceItCarries() {
        String traced = event("installation.enabled", UUID.randomUUID(), newAccount(), 42, "en", Instant.now().minusSeconds(60))
                .replaceFirst("\\{", "{\"traceparent\": \"00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01\", ");

        send(List.of(traced)).statusCode(200).body("processed", equalTo(1));

        await().atMost(Duration.ofSeconds(10)).until(() -> receiveSpan().isPresent());
        SpanData span = receiveSpan().orElseThrow();
        assertThat(span.getParentSpanId(), equalTo(PARENT_SPAN_ID));
        assertThat(span.getKind(), equalTo(SpanKind.CONSUMER));
    }

    private Optional<SpanData> receiveSpan() {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(TRACE_ID) && span.getName().equals("receive installation.enabled"))
                .findFirst();
    }
}
