import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by bench/webhooks.sh. Serves keys-service's signing-secrets endpoint and two receivers on loopback (a fast one,
 * and one that hangs 10 s on its own port, a separate endpoint), then sends jobs to webhook-service's inbox:
 *   1. throughput: N jobs to the fast receiver at once, deliveries/s until the last arrives;
 *   2. the same with 200 jobs to the hanging receiver sent first;
 *   3. latency: 300 jobs one by one, 20 ms apart, time from the accepting answer to the receiver's request.
 */
public class WebhookBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, Long> ARRIVED = new ConcurrentHashMap<>();
    private static final AtomicInteger FAST = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        Path ready = Path.of(args[2]);
        Path go = Path.of(args[3]);
        Path results = Path.of(args[4]);
        HttpServer fast = server(port);
        fast.createContext("/internal/v1/clients/", exchange -> {
            byte[] body = "{\"secret_key\": \"bench-secret\", \"webhook_secrets\": [\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"]}".getBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fast.createContext("/revoke", exchange -> {
            ARRIVED.putIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), System.nanoTime());
            FAST.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        HttpServer hanging = server(port + 1);
        hanging.createContext("/revoke", exchange -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        fast.start();
        hanging.start();
        Files.writeString(ready, "ready");
        while (!Files.exists(go)) {
            Thread.sleep(100);
        }
        List<String> lines = Files.readAllLines(go);
        String token = lines.get(0).trim();
        String base = lines.get(1).split(" ")[0];
        int jobs = Integer.parseInt(lines.get(1).split(" ")[1]);
        String fastUrl = "http://127.0.0.1:" + port + "/revoke";
        String hangingUrl = "http://127.0.0.1:" + (port + 1) + "/revoke";

        StringBuilder out = new StringBuilder();
        throughput(base, token, fastUrl, 2000, List.of()); // warm-up (JIT)
        double alone = throughput(base, token, fastUrl, jobs, List.of());
        out.append(String.format("fast receiver alone: %d deliveries in %.2f s: %.0f deliveries/s%n", jobs, jobs / alone, alone));
        List<String> hangingJobs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            hangingJobs.add(job(UUID.randomUUID(), hangingUrl));
        }
        double beside = throughput(base, token, fastUrl, jobs, hangingJobs);
        out.append(String.format("fast receiver beside one hanging 10 s (200 jobs queued for it first): %.0f deliveries/s (%.0f%% of alone)%n",
                beside, 100 * beside / alone));
        long[] latencies = new long[300];
        for (int i = 0; i < latencies.length; i++) {
            UUID id = UUID.randomUUID();
            send(base, token, List.of(job(id, fastUrl)));
            long accepted = System.nanoTime();
            while (!ARRIVED.containsKey(id.toString())) {
                Thread.sleep(1);
            }
            latencies[i] = Math.max(0, ARRIVED.get(id.toString()) - accepted);
            Thread.sleep(20);
        }
        Arrays.sort(latencies);
        out.append(String.format("accepted → first attempt at the receiver, 300 single jobs: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                latencies[150] / 1e6, latencies[296] / 1e6, latencies[299] / 1e6));
        Files.writeString(results, out.toString());
        fast.stop(0);
        hanging.stop(0);
        System.exit(0);
    }

    /** Sends {@code before} then {@code count} fast jobs in batches of 500; deliveries/s until the last fast one arrives. */
    private static double throughput(String base, String token, String url, int count, List<String> before) throws Exception {
        if (!before.isEmpty()) {
            send(base, token, before);
        }
        int target = FAST.get() + count;
        long started = System.nanoTime();
        for (int sent = 0; sent < count; sent += 500) {
            List<String> batch = new ArrayList<>();
            for (int i = sent; i < Math.min(count, sent + 500); i++) {
                batch.add(job(UUID.randomUUID(), url));
            }
            send(base, token, batch);
        }
        while (FAST.get() < target) {
            Thread.sleep(2);
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    private static String job(UUID id, String url) {
        return "{\"event_id\": \"" + id + "\", \"type\": \"access_revoked\", \"occurred_at\": \"" + Instant.now()
                + "\", \"data\": {\"integration_id\": \"5f0e9c1a-2b3c-4d5e-8f70-1a2b3c4d5e6f\", \"owner_account_id\": 1001,"
                + " \"account_id\": 2002, \"generation\": 1, \"url\": \"" + url + "\"}}";
    }

    private static void send(String base, String token, List<String> jobs) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/internal/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\": [" + String.join(",", jobs) + "]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("inbox answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static HttpServer server(int port) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(Executors.newFixedThreadPool(32));
        return server;
    }
}
