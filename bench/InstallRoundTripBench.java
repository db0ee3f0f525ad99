import io.marketplace.platform.security.DevTokenIssuer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Run by bench/install-roundtrips.sh: publishes one integration, then warm-up accounts and N measured accounts each
 * install it, wait until the developer's backend has the account's code, and disable it (16 clients), and waits until
 * every effect is delivered: N codes and N access-revoked GETs (distinct webhook-ids) at this process's developer
 * backend, N installs and N uninstalls in stats-service. Prints round trips/s end to end and the CPU time each process
 * spent per round trip. (A disable before the code went out cancels the code, by design: waiting for it keeps the
 * work of every round trip the same.)
 */
public class InstallRoundTripBench {

    private static final int CLIENTS = 16;
    private static final Vertx VERTX = Vertx.vertx();
    /**
     * Vert.x's client, pooled keep-alive connections: the JDK's HttpClient spent about 1 ms of CPU per call, a seventh of
     * a round trip's whole cost, on the two cores the services share with this process.
     */
    private static final HttpClient HTTP = VERTX.createHttpClient(new HttpClientOptions().setMaxPoolSize(2 * CLIENTS));
    private static final Set<String> CODES = ConcurrentHashMap.newKeySet();
    private static final Set<String> REVOKES = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger REPEATS = new AtomicInteger();
    /** Per referer (account), completed when its code reaches the backend. */
    private static final Map<String, CompletableFuture<Void>> CODE_ARRIVED = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        DevTokenIssuer issuer = DevTokenIssuer.fromPem(Files.readString(Path.of(args[0])), DevTokenIssuer.DEFAULT_ISSUER);
        byte[] widget = Files.readAllBytes(Path.of(args[1]));
        String integrations = "http://127.0.0.1:" + args[2];
        String stats = "http://127.0.0.1:" + args[3];
        int backendPort = Integer.parseInt(args[4]);
        int accounts = Integer.parseInt(args[5]);
        Map<String, Long> services = new LinkedHashMap<>();
        for (String service : args[6].split(",")) {
            services.put(service.substring(0, service.indexOf('=')), Long.parseLong(service.substring(service.indexOf('=') + 1)));
        }

        // the developer's backend: Vert.x, as the JDK's HttpServer lost about one answer in a thousand under this load
        VERTX.createHttpServer().requestHandler(request -> {
            String webhookId = request.getHeader("webhook-id");
            Set<String> seen = request.path().equals("/oauth") ? CODES : REVOKES;
            if (webhookId != null && !seen.add(webhookId)) { // no webhook-id: webhook-service checking the redirect URL
                REPEATS.incrementAndGet();
            }
            if (webhookId != null && seen == CODES) {
                codeArrival(request.getParam("referer")).complete(null);
            }
            request.response().setStatusCode(200).end();
        }).listen(backendPort, "127.0.0.1").toCompletionStage().toCompletableFuture().get();

        String developer = issuer.userToken("developer", 1001, true, List.of("developer", "admin"), 3600);
        String moderator = issuer.userToken("moderator", 1, false, List.of("moderator"), 3600);
        String id = field(call("POST", integrations + "/api/v1/integrations", developer, "application/json",
                ("{\"code\": \"bench" + System.nanoTime() % 100000 + "\", \"redirect_uri\": \"https://dev.example.com/oauth\","
                        + " \"revoke_url\": \"https://dev.example.com/revoke\", \"scopes\": [\"crm\"], \"languages\": [\"en\"]}")
                        .getBytes(), 201), "id");
        String version = integrations + "/api/v1/integrations/" + id + "/versions/1";
        call("PUT", version + "/settings", developer, "application/json",
                "{\"duplicate_control\": true, \"multiple_sources\": false, \"owner_company\": \"Acme\"}".getBytes(), 200);
        call("PUT", version + "/listings/en", developer, "application/json", ("{\"name\": \"Bench\", \"short_description\": \"s\","
                + " \"description\": \"d\", \"installed_description\": \"Welcome #ACCOUNT_ID#\","
                + " \"privacy_policy_url\": \"https://dev.example.com/p\", \"support_url\": \"https://dev.example.com/s\","
                + " \"support_email\": \"s@dev.example.com\"}").getBytes(), 200);
        call("PUT", version + "/listings/en/icon", developer, "image/png", image(400, 272, "png"), 200);
        call("PUT", version + "/listings/en/installed-logo", developer, "image/png", image(108, 108, "png"), 200);
        call("POST", version + "/listings/en/gallery", developer, "image/jpeg", image(1188, 616, "jpeg"), 201);
        call("PUT", version + "/archive", developer, "application/zip", widget, 200);
        call("POST", version + "/review", developer, "application/json", new byte[0], 200);
        call("POST", version + "/approve", moderator, "application/json", new byte[0], 200);
        call("POST", version + "/publish", developer, "application/json", "{}".getBytes(), 200);
        call("PATCH", integrations + "/api/v1/integrations/" + id, developer, "application/merge-patch+json",
                ("{\"redirect_uri\": \"http://127.0.0.1:" + backendPort + "/oauth\", \"revoke_url\": \"http://127.0.0.1:"
                        + backendPort + "/revoke\"}").getBytes(), 200);
        Thread.sleep(2000); // keys-service learns the integration through the outbox

        String statsUrl = stats + "/api/v1/integrations/" + id + "/stats?lang=en";
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        // The JIT compiles four services and the JDBC driver during the first few hundred round trips: warm up first.
        int warmUp = Integer.getInteger("warmUp", Math.max(accounts / 2, 200));
        // the buyers' tokens come from the identity provider in real life: signing them is neither the system's work
        // nor counted in the bench's CPU
        String[] buyers = new String[warmUp + accounts];
        for (int a = 0; a < buyers.length; a++) {
            buyers[a] = issuer.userToken("buyer" + a, 500_000 + a, false, List.of("admin"), 3600);
        }
        roundTrips(clients, buyers, integrations, id, 0, warmUp, statsUrl, developer);
        analyze(System.getProperty("database"));
        Map<String, Duration> cpuBefore = cpuByProcess(services);
        Result measured = roundTrips(clients, buyers, integrations, id, warmUp, accounts, statsUrl, developer);
        Map<String, Duration> cpuAfter = cpuByProcess(services);
        System.out.printf("%d accounts installed and disabled (%d clients, after %d warm-up accounts): API calls done in %.1f s"
                + " (%.0f round trips/s);%n", accounts, CLIENTS, warmUp, measured.requestsDone, accounts / measured.requestsDone);
        System.out.printf("every effect delivered (%d codes, %d revoke notices, %d installs and uninstalls counted) after %.1f s:"
                + " %.0f round trips/s end to end%n", CODES.size() - warmUp, REVOKES.size() - warmUp, accounts,
                measured.allDelivered, accounts / measured.allDelivered);
        System.out.printf("repeated deliveries (same webhook-id): %d%n", REPEATS.get());
        System.out.printf("CPU per round trip (ms):");
        cpuAfter.forEach((name, cpu) -> System.out.printf(" %s %.2f", name, (cpu.toNanos() - cpuBefore.get(name).toNanos()) / 1e6 / accounts));
        System.out.println();
        statementsPerRoundTrip(System.getProperty("database"), accounts);
        clients.shutdown();
        VERTX.close();
        System.exit(0);
    }

    /**
     * What autovacuum does to a deployment's tables within a minute or two: a bench's database is new, and until the
     * autovacuum launcher first visits it (70 s into a run here) every statement runs with plans made for empty tables,
     * sequential scans of the delivery queue among them; whether the measured window started before or after that
     * visit moved the result by half. Also starts pg_stat_statements' count afresh where the extension is loaded.
     */
    private static void analyze(String database) throws IOException, InterruptedException {
        psql(database, "ANALYZE");
        psql(database, "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_stat_statements; PERFORM pg_stat_statements_reset();"
                + " EXCEPTION WHEN OTHERS THEN NULL; END $$");
    }

    /** Where pg_stat_statements is loaded: the statements and transactions per round trip of the measured window. */
    private static void statementsPerRoundTrip(String database, int accounts) throws IOException, InterruptedException {
        String perRoundTrip = psql(database, "SELECT round(sum(calls) FILTER (WHERE query <> 'BEGIN') / " + accounts
                + ".0, 1) || ' statements in ' || round(sum(calls) FILTER (WHERE query = 'BEGIN') / " + accounts
                + ".0, 1) || ' transactions per round trip (pg_stat_statements)' FROM pg_stat_statements"
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
        if (!perRoundTrip.isBlank()) {
            System.out.println(perRoundTrip.strip());
        }
    }

    private static String psql(String database, String sql) throws IOException, InterruptedException {
        Process psql = new ProcessBuilder("psql", "-h", "localhost", "-U", "postgres", "-d", database, "-qAtc", sql)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(psql.getInputStream().readAllBytes());
        psql.waitFor();
        return out;
    }

    /** CPU time so far of each service (name=pid), of this process (the clients and the backend) and of PostgreSQL. */
    private static Map<String, Duration> cpuByProcess(Map<String, Long> services) {
        Map<String, Duration> cpu = new LinkedHashMap<>();
        services.forEach((name, pid) -> cpu.put(name, ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(Duration.ZERO)));
        cpu.put("bench", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        cpu.put("postgres", ProcessHandle.allProcesses().filter(p -> p.info().user().filter("postgres"::equals).isPresent())
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO)).reduce(Duration.ZERO, Duration::plus));
        return cpu;
    }

    private record Result(double requestsDone, double allDelivered) {
    }

    /** Accounts first..first+count-1 install and disable; waits until every effect so far has arrived. */
    private static Result roundTrips(ExecutorService clients, String[] buyers, String integrations, String id, int first,
            int count, String statsUrl, String developer) throws Exception {
        AtomicInteger next = new AtomicInteger(first);
        int end = first + count;
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            work.add(clients.submit(() -> {
                for (int a = next.getAndIncrement(); a < end; a = next.getAndIncrement()) {
                    String buyer = buyers[a];
                    String installation = integrations + "/api/v1/marketplace/integrations/" + id + "/installation";
                    call("POST", installation, buyer, "application/json", "{\"language\": \"en\"}".getBytes(), 201);
                    codeArrival("account" + (500_000 + a)).get(30, TimeUnit.SECONDS);
                    call("DELETE", installation, buyer, "application/json", null, 204);
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        double requestsDone = (System.nanoTime() - started) / 1e9;
        while (CODES.size() < end || REVOKES.size() < end || !call("GET", statsUrl, developer, null, null, 200)
                .contains("\"installs\":" + end + ",\"uninstalls\":" + end)) {
            if ((System.nanoTime() - started) / 1e9 > 600) {
                throw new IllegalStateException("not every effect arrived within 10 minutes: codes " + CODES.size()
                        + ", revokes " + REVOKES.size() + "; stats " + call("GET", statsUrl, developer, null, null, 200));
            }
            Thread.sleep(20);
        }
        return new Result(requestsDone, (System.nanoTime() - started) / 1e9);
    }

    private static CompletableFuture<Void> codeArrival(String referer) {
        return CODE_ARRIVED.computeIfAbsent(referer, account -> new CompletableFuture<>());
    }

    private static String call(String method, String url, String token, String contentType, byte[] body, int expected) {
        try {
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setAbsoluteURI(url)
                    .putHeader("Authorization", "Bearer " + token);
            if (contentType != null) {
                request.putHeader("Content-Type", contentType);
            }
            return HTTP.request(request)
                    .compose(sent -> body == null ? sent.send() : sent.send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(answer -> {
                        if (response.statusCode() != expected) {
                            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                                    + answer);
                        }
                        return answer.toString();
                    }))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private static byte[] image(int width, int height, String format) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x += 7) {
            image.setRGB(x, x % height, 0x3366cc);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
