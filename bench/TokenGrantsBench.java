import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives keys-service's token endpoint from N concurrent clients (each its own integration) and prints grants/s,
 * p50 and p99 for refresh-token grants, authorization-code grants and introspection.
 * Each client's calls go over its own keep-alive connection (bench/KeepAliveConnection.java), so the generator's CPU
 * is a small part of the machine's; set-up uses the JDK's HttpClient.
 * Run by bench/token-grants.sh, with bench/KeepAliveConnection.java:
 *   TokenGrantsBench <base-url> <service-token> <admin-token> <owner-account> <clients> <seconds>
 */
public class TokenGrantsBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record Client(UUID id, String secret) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String serviceToken = args[1];
        String adminToken = args[2];
        long owner = Long.parseLong(args[3]);
        int clients = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);

        List<Client> registered = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            UUID id = UUID.randomUUID();
            post(base + "/internal/v1/events", serviceToken, "application/json", """
                    {"events": [{"event_id": "%s", "type": "integration.saved", "occurred_at": "%s",
                      "data": {"integration_id": "%s", "owner_account_id": %d, "code": "bench%d",
                               "redirect_uri": "https://dev.example.com/cb", "scopes": ["crm"]}}]}"""
                    .formatted(UUID.randomUUID(), Instant.now(), id, owner, i), 200);
            String keys = get(base + "/api/v1/integrations/" + id + "/keys", adminToken);
            registered.add(new Client(id, field(keys, "secret_key")));
        }

        // authorization-code grants: codes issued first, exchanges timed
        String exchange = "grant_type=authorization_code&redirect_uri=https://dev.example.com/cb&code=";
        Result codes = run(base, registered, seconds, (client, connection) -> {
            String code = field(connection.post("/internal/v1/authorization-codes", "application/json",
                    "Bearer " + serviceToken,
                    "{\"client_id\": \"" + client.id() + "\", \"account_id\": 2002, \"generation\": 1}", 201), "code");
            return () -> connection.postForm(exchange + code + "&client_id=" + client.id() + "&client_secret="
                    + client.secret());
        });
        print("authorization_code grants", codes);

        // refresh-token grants: each client walks its own chain of refresh tokens
        List<String[]> chains = new ArrayList<>();
        for (Client client : registered) {
            String code = field(post(base + "/internal/v1/authorization-codes", serviceToken, "application/json",
                    "{\"client_id\": \"" + client.id() + "\", \"account_id\": 2002, \"generation\": 1}", 201), "code");
            String tokens = post(base + "/oauth2/access_token", null, "application/x-www-form-urlencoded",
                    "grant_type=authorization_code&code=" + code + "&redirect_uri=https://dev.example.com/cb&client_id="
                            + client.id() + "&client_secret=" + client.secret(), 200);
            chains.add(new String[] {field(tokens, "refresh_token"), field(tokens, "access_token")});
        }
        Result refreshes = run(base, registered, seconds, (client, connection) -> {
            String[] chain = chains.get(registered.indexOf(client));
            return () -> {
                String tokens = connection.postForm("grant_type=refresh_token&refresh_token=" + chain[0] + "&client_id="
                        + client.id() + "&client_secret=" + client.secret());
                chain[0] = field(tokens, "refresh_token");
                chain[1] = field(tokens, "access_token");
                return tokens;
            };
        });
        print("refresh_token grants", refreshes);

        Result introspections = run(base, registered, seconds, (client, connection) -> {
            String access = chains.get(registered.indexOf(client))[1];
            return () -> connection.post("/oauth2/introspect", KeepAliveConnection.FORM, null,
                    "token=" + access + "&client_id=" + client.id() + "&client_secret=" + client.secret(), 200);
        });
        print("introspections", introspections);
    }

    interface Call {
        String call() throws Exception;
    }

    /** Untimed work before each timed call (a code to exchange, say), over the client's connection. */
    interface Prepared {
        Call prepare(Client client, KeepAliveConnection connection) throws Exception;
    }

    record Result(long count, double seconds, long[] latencies) {
    }

    /**
     * Each client runs its own loop for the duration on its own connection to the token endpoint; a call is prepared
     * (untimed) before each timed one.
     */
    private static Result run(String base, List<Client> clients, int seconds, Prepared prepared) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (Client client : clients) {
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                try (KeepAliveConnection connection = new KeepAliveConnection(URI.create(base + "/oauth2/access_token"))) {
                    while (System.nanoTime() < deadline) {
                        Call call = prepared.prepare(client, connection);
                        long t0 = System.nanoTime();
                        call.call();
                        latencies.add(System.nanoTime() - t0);
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> future : futures) {
            all.addAll(future.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(sorted.length, elapsed, sorted);
    }

    private static void print(String what, Result result) {
        long[] l = result.latencies();
        System.out.printf("%-26s %7.0f /s   p50 %5.1f ms   p99 %5.1f ms   (%d in %.1f s)%n", what, result.count() / result.seconds(),
                l[l.length / 2] / 1e6, l[(int) Math.ceil(l.length * 0.99) - 1] / 1e6, result.count(), result.seconds());
    }

    private static String post(String url, String bearer, String type, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String get(String url, String bearer) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static final Map<String, Pattern> FIELDS = new ConcurrentHashMap<>();

    private static String field(String json, String name) {
        Matcher matcher = FIELDS.computeIfAbsent(name, n -> Pattern.compile("\"" + n + "\":\"([^\"]+)\"")).matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return matcher.group(1);
    }
}
