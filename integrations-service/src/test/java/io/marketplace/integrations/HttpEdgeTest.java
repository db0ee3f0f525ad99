package io.marketplace.integrations;

import static io.marketplace.integrations.Fixtures.asDeveloper;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.marketplace.platform.test.Prometheus;
import io.marketplace.platform.test.TestTokens;
import io.marketplace.platform.test.fuzz.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What happens before a request reaches a resource: URLs, header blocks and bodies that cannot be read are answered
 * with a problem, as written on the wire (a client library would normalise or refuse them first, hence raw sockets).
 */
@QuarkusTest
class HttpEdgeTest {

    private static RawHttp.Answer send(String method, String target, Map<String, String> headers, byte[] body,
            boolean chunked) {
        return RawHttp.toServiceUnderTest().send(method, target, headers, body, chunked);
    }

    private static String newIntegration() {
        return "{\"code\": \"" + Fixtures.uniqueCode() + "\", \"redirect_uri\": \"https://dev.example.com/oauth\","
                + " \"scopes\": [\"crm\"], \"languages\": [\"en\"]}";
    }

    private static Map<String, String> asSendingJson(long account) {
        Map<String, String> headers = as(account);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private static Map<String, String> as(long account) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + TestTokens.technicalDeveloper(account));
        return headers;
    }

    private static void assertProblem(RawHttp.Answer answer, int status) {
        assertThat(answer.text(), answer.status(), equalTo(status));
        assertThat(answer.header("content-type"), startsWith("application/problem+json"));
        assertThat(answer.text(), containsString("\"status\":" + status));
    }

    @Test
    void answersABadPercentEscapeWithAProblem() {
        RawHttp.Answer answer = send("GET", "/api/v1/integrations/%ZZ", as(Fixtures.newAccount()), null, false);
        assertProblem(answer, 400);
        assertThat(answer.text(), containsString("malformed-url"));
    }

    @Test
    void refusesADotSegmentInsteadOfReachingTheParentResource() {
        long account = Fixtures.newAccount();
        String id = Fixtures.createIntegration(account);
        assertProblem(send("DELETE", "/api/v1/integrations/" + id + "/languages/../", as(account), null, false), 400);
        assertProblem(send("DELETE", "/api/v1/integrations/" + id + "/languages/%2E%2e", as(account), null, false), 400);
        asDeveloper(account).when().get("/api/v1/integrations/" + id).then().statusCode(200);
    }

    @Test
    void refusesNulInAnAssetPath() {
        assertProblem(send("GET", "/upl/some_widget/1/widget/script.js%00", Map.of(), null, false), 400);
        assertProblem(send("GET", "/api/v1/marketplace/integrations?q=a%00", as(Fixtures.newAccount()), null, false), 400);
    }

    @Test
    void answersAnOverlongUrlAndOverlargeHeadersWithProblems() {
        long account = Fixtures.newAccount();
        assertProblem(send("GET", "/api/v1/integrations?q=" + "a".repeat(10_000), as(account), null, false), 414);
        Map<String, String> headers = as(account);
        headers.put("X-Padding", "p".repeat(70_000));
        assertProblem(send("GET", "/api/v1/integrations", headers, null, false), 431);
    }

    @Test
    void answersAWrongMethodOnASubResourceWith405AndAllow() {
        long account = Fixtures.newAccount();
        String id = Fixtures.createIntegration(account);
        RawHttp.Answer answer = send("DELETE", "/api/v1/integrations/" + id + "/versions/1/settings", as(account),
                null, false);
        assertProblem(answer, 405);
        assertThat(answer.header("allow"), equalTo("GET, HEAD, OPTIONS, PUT"));
        RawHttp.Answer review = send("GET", "/api/v1/integrations/" + id + "/versions/1/review", as(account), null, false);
        assertProblem(review, 405);
        assertThat(review.header("allow"), equalTo("OPTIONS, POST"));
    }

    @Test
    void readsAChunkedBodyWithinTheLimitAndRefusesOneOverIt() {
        long account = Fixtures.newAccount();
        Map<String, String> headers = asSendingJson(account);
        String integration = newIntegration();
        assertThat(send("POST", "/api/v1/integrations", headers, integration.getBytes(StandardCharsets.UTF_8), true)
                .status(), equalTo(201));
        byte[] padded = (" ".repeat(2 * 1024 * 1024) + integration.replace("\"code\": \"", "\"code\": \"z"))
                .getBytes(StandardCharsets.UTF_8);
        assertProblem(send("POST", "/api/v1/integrations", headers, padded, true), 413);
        asDeveloper(account).when().get("/api/v1/integrations")
                .then().statusCode(200).body("_embedded.integrations.size()", equalTo(1));
    }

    /**
     * A client that sends half its JSON body and pauses must not hold one of the worker threads the resources run on:
     * a few hundred such clients would otherwise leave none for anyone else. The body is read before the resource runs.
     */
    @Test
    void holdsNoWorkerThreadWhileABodyIsStillArriving() throws Exception {
        long account = Fixtures.newAccount();
        byte[] body = newIntegration().getBytes(StandardCharsets.UTF_8);
        RawHttp server = RawHttp.toServiceUnderTest();
        try (Socket socket = new Socket(server.host(), server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST /api/v1/integrations HTTP/1.1\r\nHost: localhost\r\n")
                    .append("Connection: close\r\nContent-Length: ").append(body.length).append("\r\n");
            asSendingJson(account).forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.write(body, 0, body.length / 2);
            out.flush();

            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < until) {
                assertThat("a thread waits for the rest of the body", threadsWaitingForABody(), equalTo(0L));
                Thread.sleep(20);
            }

            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    startsWith("HTTP/1.1 201"));
        }
    }

    /** Threads inside Quarkus REST's blocking body stream, which waits for the event loop to bring more bytes. */
    private static long threadsWaitingForABody() {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).anyMatch(frame -> frame.getClassName().contains("VertxBlockingInput")))
                .count();
    }

    @Test
    void readsJsonOnlyAsUtf8() {
        long account = Fixtures.newAccount();
        Map<String, String> headers = asSendingJson(account);
        String integration = newIntegration();
        assertProblem(send("POST", "/api/v1/integrations", headers, integration.getBytes(StandardCharsets.UTF_16LE),
                false), 400);
        asDeveloper(account).when().get("/api/v1/integrations")
                .then().statusCode(200).body("_embedded.integrations.size()", equalTo(0));
        // application/json defines no charset: one named is ignored, and the body is read as UTF-8
        headers.put("Content-Type", "application/json; charset=ISO-8859-1");
        assertThat(send("POST", "/api/v1/integrations", headers, integration.getBytes(StandardCharsets.UTF_8),
                false).status(), equalTo(201));
    }

    /** Otherwise each refused URL would be its own uri tag, until Micrometer's limit stopped the real endpoints' metrics. */
    @Test
    void countsRefusedUrlsUnderOneMetricsTag() {
        double before = Prometheus.value("http_server_requests_seconds_count", "uri", "/REFUSED");
        for (int i = 0; i < 120; i++) {
            assertProblem(send("GET", "/api/v1/integrations/" + i + "/%ZZ", Map.of(), null, false), 400);
        }
        assertThat(Prometheus.value("http_server_requests_seconds_count", "uri", "/REFUSED"), equalTo(before + 120));
        assertThat(Prometheus.value("http_server_requests_seconds_count", "uri", "/api/v1/integrations/7/%ZZ"),
                equalTo(0.0));
    }
}
