import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run by bench/stats.sh.
 *   ingest <base-url> <service-token> <batches> <threads>: batches of 1,000 install events through the inbox; events/s
 *   query <base-url> <admin-token> <ids-file> <requests>: a year of daily series and its chart for random integrations
 */
public class StatsBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String[] LANGUAGES = {"en", "es", "pt", "tr", "id"};

    public static void main(String[] args) throws Exception {
        if (args[0].equals("ingest")) {
            ingest(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else {
            query(args[1], args[2], Files.readAllLines(Path.of(args[3])), Integer.parseInt(args[4]));
        }
    }

    private static void ingest(String base, String token, int batches, int threads) throws Exception {
        List<String> bodies = new ArrayList<>();
        Random random = new Random(7);
        UUID[] integrations = new UUID[50];
        Arrays.setAll(integrations, i -> UUID.randomUUID());
        for (int b = 0; b < batches; b++) {
            StringBuilder body = new StringBuilder("{\"events\": [");
            for (int i = 0; i < 1000; i++) {
                UUID integration = integrations[random.nextInt(integrations.length)];
                body.append(i == 0 ? "" : ",").append("{\"event_id\": \"").append(UUID.randomUUID())
                        .append("\", \"type\": \"").append(random.nextInt(4) == 0 ? "uninstall" : "install")
                        .append("\", \"occurred_at\": \"").append(Instant.now().minusSeconds(random.nextInt(86_400 * 365)))
                        .append("\", \"data\": {\"integration_id\": \"").append(integration)
                        .append("\", \"widget_code\": \"bench\", \"owner_account_id\": 1001, \"account_id\": ")
                        .append(random.nextInt(1_000_000)).append(", \"language\": \"")
                        .append(LANGUAGES[random.nextInt(5)]).append("\"}}");
            }
            bodies.add(body.append("]}").toString());
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
                    send(HttpRequest.newBuilder(URI.create(base + "/internal/v1/events"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(bodies.get(b))).build());
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        System.out.printf("ingestion: %d events in %d batches of 1,000 from %d clients: %.0f events/s%n",
                batches * 1000, batches, threads, batches * 1000 / seconds);
    }

    private static void query(String base, String token, List<String> ids, int requests) throws Exception {
        Random random = new Random(11);
        LocalDate to = LocalDate.now();
        String range = "?from=" + to.minusDays(364) + "&to=" + to;
        for (String what : new String[] {"stats", "stats/chart.svg"}) {
            for (int i = 0; i < 20; i++) {
                send(get(base, token, ids.get(random.nextInt(ids.size())), what, range));
            }
            long[] latencies = new long[requests];
            int bytes = 0;
            for (int i = 0; i < requests; i++) {
                HttpRequest request = get(base, token, ids.get(random.nextInt(ids.size())), what, range);
                long t0 = System.nanoTime();
                bytes = send(request).length();
                latencies[i] = System.nanoTime() - t0;
            }
            Arrays.sort(latencies);
            System.out.printf("%-16s a year of daily data (365 points): p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d requests (%d bytes)%n",
                    what, latencies[requests / 2] / 1e6, latencies[(int) Math.ceil(requests * 0.95) - 1] / 1e6,
                    latencies[requests - 1] / 1e6, requests, bytes);
        }
    }

    private static HttpRequest get(String base, String token, String id, String what, String range) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/integrations/" + id + "/" + what + range))
                .header("Authorization", "Bearer " + token).build();
    }

    private static String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
