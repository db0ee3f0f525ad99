import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Refresh-token grants with rotation, keys-service and Keycloak side by side: the same workers, each walking its own
 * chain of refresh tokens (a code exchange at keys-service, a password grant at Keycloak to start it), in alternating
 * rounds, each worker on one keep-alive connection. Per round it prints grants/s, p50, p99, the CPU milliseconds the
 * server process spent per grant (from /proc/<pid>/stat) and those of the load generator; at the end, the median round
 * of each and the ratios.
 * With -DcompareBuilds=true the second server is another keys-service build, named B (the first is A).
 * Run by bench/token-grants-vs-keycloak.sh (and bench/token-grants-ab.sh), with bench/KeepAliveConnection.java:
 *   TokenGrantsVsKeycloak <keys-url> <keys-pid> <service-token> <admin-token> <keycloak-url> <keycloak-pid>
 *        <workers> <seconds> <rounds> <warm-up seconds>
 */
public class TokenGrantsVsKeycloak {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    /** One server's token endpoint and how a worker's chain starts there. */
    interface Server {
        String name();

        long pid();

        /** A new chain's first refresh token, and the form fields (client authentication) every refresh carries. */
        Chain start(int worker) throws Exception;
    }

    record Chain(String tokenUrl, String clientFields, String[] refreshToken) {
    }

    record Round(String server, int grants, double seconds, double p50, double p99, double cpuMillisPerGrant,
            double generatorCpuMillisPerGrant) {
        double perSecond() {
            return grants / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        String keys = args[0];
        long keysPid = Long.parseLong(args[1]);
        String serviceToken = args[2];
        String adminToken = args[3];
        String other = args[4];
        long otherPid = Long.parseLong(args[5]);
        int workers = Integer.parseInt(args[6]);
        int seconds = Integer.parseInt(args[7]);
        int rounds = Integer.parseInt(args[8]);
        int warmUp = Integer.parseInt(args[9]);

        // -DcompareBuilds=true (bench/token-grants-ab.sh): the second server is another keys-service build, so that a
        // change is told from this machine's drift, which single runs cannot do
        boolean twoBuilds = Boolean.getBoolean("compareBuilds");
        Server first = keysService(twoBuilds ? "A" : "keys-service", keys, keysPid, serviceToken, adminToken);
        Server second = twoBuilds ? keysService("B", other, otherPid, serviceToken, adminToken) : keycloak(other, otherPid);

        List<Round> results = new ArrayList<>();
        for (Server server : List.of(first, second)) {
            measure(server, workers, warmUp); // the JIT's turn: not counted
        }
        for (int round = 1; round <= rounds; round++) {
            for (Server server : List.of(first, second)) {
                Round result = measure(server, workers, seconds);
                results.add(result);
                System.out.printf("round %d  %-12s refresh grants %6.0f /s   p50 %5.1f ms   p99 %5.1f ms   CPU %5.2f ms/grant"
                        + "   (%d in %.1f s; load generator %.2f ms/grant)%n", round, server.name(), result.perSecond(),
                        result.p50(), result.p99(), result.cpuMillisPerGrant(), result.grants(), result.seconds(),
                        result.generatorCpuMillisPerGrant());
            }
        }
        Round firstMedian = median(results, first.name());
        Round secondMedian = median(results, second.name());
        System.out.printf("median round: %s %.0f grants/s (p99 %.1f ms, CPU %.2f ms/grant), %s %.0f grants/s"
                + " (p99 %.1f ms, CPU %.2f ms/grant)%n", first.name(), firstMedian.perSecond(), firstMedian.p99(),
                firstMedian.cpuMillisPerGrant(), second.name(), secondMedian.perSecond(), secondMedian.p99(),
                secondMedian.cpuMillisPerGrant());
        System.out.printf("ratio %s/%s: %.2fx grants/s, %.2fx CPU per grant%n", first.name(), second.name(),
                firstMedian.perSecond() / secondMedian.perSecond(),
                firstMedian.cpuMillisPerGrant() / secondMedian.cpuMillisPerGrant());
    }

    /** keys-service at {@code url}: a chain starts with a registered client's code exchange. */
    private static Server keysService(String name, String keys, long pid, String serviceToken, String adminToken) {
        return new Server() {
            public String name() {
                return name;
            }

            public long pid() {
                return pid;
            }

            public Chain start(int worker) throws Exception {
                UUID id = UUID.randomUUID();
                post(keys + "/internal/v1/events", "Bearer " + serviceToken, "application/json", """
                        {"events": [{"event_id": "%s", "type": "integration.saved", "occurred_at": "%s",
                          "data": {"integration_id": "%s", "owner_account_id": 1001, "code": "vs%d%s",
                                   "redirect_uri": "https://dev.example.com/cb", "scopes": ["crm"]}}]}"""
                        .formatted(UUID.randomUUID(), Instant.now(), id, worker, Long.toString(System.nanoTime(), 36)),
                        200);
                String secret = field(get(keys + "/api/v1/integrations/" + id + "/keys", adminToken), "secret_key");
                String code = field(post(keys + "/internal/v1/authorization-codes", "Bearer " + serviceToken,
                        "application/json", "{\"client_id\": \"" + id + "\", \"account_id\": " + (3000 + worker)
                                + ", \"generation\": 1}", 201), "code");
                String client = "&client_id=" + id + "&client_secret=" + secret;
                String answer = post(keys + "/oauth2/access_token", null, "application/x-www-form-urlencoded",
                        "grant_type=authorization_code&code=" + code + "&redirect_uri=https://dev.example.com/cb" + client,
                        200);
                return new Chain(keys + "/oauth2/access_token", client, new String[] {field(answer, "refresh_token")});
            }
        };
    }

    /** Keycloak's bench realm at {@code keycloak}: a chain starts with a password grant. */
    private static Server keycloak(String keycloak, long pid) {
        return new Server() {
            public String name() {
                return "Keycloak";
            }

            public long pid() {
                return pid;
            }

            public Chain start(int worker) throws Exception {
                String tokenUrl = keycloak + "/realms/bench/protocol/openid-connect/token";
                String client = "&client_id=bench&client_secret=bench-secret";
                String answer = post(tokenUrl, null, "application/x-www-form-urlencoded",
                        "grant_type=password&username=bench&password=bench" + client, 200);
                return new Chain(tokenUrl, client, new String[] {field(answer, "refresh_token")});
            }
        };

    }

    private static Round median(List<Round> results, String server) {
        List<Round> rounds = new ArrayList<>(results.stream().filter(r -> r.server().equals(server)).toList());
        rounds.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
        return rounds.get(rounds.size() / 2);
    }

    /** Every worker walks its own chain for {@code seconds}: each refresh answers the next refresh token. */
    private static Round measure(Server server, int workers, int seconds) throws Exception {
        List<Chain> chains = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            chains.add(server.start(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long cpuBefore = cpuTicks(server.pid());
        long generatorBefore = cpuTicks(ProcessHandle.current().pid());
        long started = System.nanoTime();
        long deadline = started + seconds * 1_000_000_000L;
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (Chain chain : chains) {
            futures.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                try (KeepAliveConnection connection = new KeepAliveConnection(URI.create(chain.tokenUrl()))) {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        String answer = connection.postForm("grant_type=refresh_token&refresh_token="
                                + URLEncoder.encode(chain.refreshToken()[0], StandardCharsets.UTF_8) + chain.clientFields());
                        latencies.add(System.nanoTime() - t0);
                        chain.refreshToken()[0] = field(answer, "refresh_token");
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
        long cpuAfter = cpuTicks(server.pid());
        long generatorAfter = cpuTicks(ProcessHandle.current().pid());
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        double cpuMillis = (cpuAfter - cpuBefore) * 1000.0 / CLOCK_TICKS_PER_SECOND;
        double generatorMillis = (generatorAfter - generatorBefore) * 1000.0 / CLOCK_TICKS_PER_SECOND;
        return new Round(server.name(), sorted.length, elapsed, percentile(sorted, 0.50), percentile(sorted, 0.99),
                cpuMillis / Math.max(1, sorted.length), generatorMillis / Math.max(1, sorted.length));
    }

    /** User plus system time of the process, in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }

    private static String post(String url, String authorization, String type, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String get(String url, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static final Map<String, Pattern> FIELDS = new ConcurrentHashMap<>();

    private static String field(String json, String name) {
        Matcher matcher = FIELDS.computeIfAbsent(name, n -> Pattern.compile("\"" + n + "\"\\s*:\\s*\"([^\"]+)\""))
                .matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }
}
