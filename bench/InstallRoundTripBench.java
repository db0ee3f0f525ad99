import com.sun.net.httpserver.HttpServer;
import io.marketplace.platform.security.DevTokenIssuer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Run by bench/install-roundtrips.sh: publishes one integration, then N accounts each install and disable it
 * (16 clients), and waits until every effect is delivered: N codes and N access-revoked GETs at this process's
 * developer backend, N installs and N uninstalls in stats-service. Prints round trips/s end to end.
 */
public class InstallRoundTripBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final AtomicInteger CODES = new AtomicInteger();
    private static final AtomicInteger REVOKES = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        DevTokenIssuer issuer = DevTokenIssuer.fromPem(Files.readString(Path.of(args[0])), DevTokenIssuer.DEFAULT_ISSUER);
        byte[] widget = Files.readAllBytes(Path.of(args[1]));
        String integrations = "http://127.0.0.1:" + args[2];
        String stats = "http://127.0.0.1:" + args[3];
        int backendPort = Integer.parseInt(args[4]);
        int accounts = Integer.parseInt(args[5]);

        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), 256);
        backend.setExecutor(Executors.newFixedThreadPool(16));
        backend.createContext("/oauth", exchange -> {
            CODES.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        backend.createContext("/revoke", exchange -> {
            REVOKES.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        backend.start();

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

        ExecutorService clients = Executors.newFixedThreadPool(16);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            work.add(clients.submit(() -> {
                for (int a = next.getAndIncrement(); a < accounts; a = next.getAndIncrement()) {
                    String buyer = issuer.userToken("buyer" + a, 500_000 + a, false, List.of("admin"), 3600);
                    String installation = integrations + "/api/v1/marketplace/integrations/" + id + "/installation";
                    call("POST", installation, buyer, "application/json", "{\"language\": \"en\"}".getBytes(), 201);
                    call("DELETE", installation, buyer, "application/json", null, 204);
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get();
        }
        double requestsDone = (System.nanoTime() - started) / 1e9;
        String statsUrl = stats + "/api/v1/integrations/" + id + "/stats?lang=en";
        while (CODES.get() < accounts || REVOKES.get() < accounts || !call("GET", statsUrl, developer, null, null, 200)
                .contains("\"installs\":" + accounts + ",\"uninstalls\":" + accounts)) {
            if ((System.nanoTime() - started) / 1e9 > 600) {
                throw new IllegalStateException("not every effect arrived within 10 minutes: codes " + CODES.get()
                        + ", revokes " + REVOKES.get() + "; stats " + call("GET", statsUrl, developer, null, null, 200));
            }
            Thread.sleep(50);
        }
        double allDelivered = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d accounts installed and disabled (16 clients): API calls done in %.1f s (%.0f round trips/s);%n",
                accounts, requestsDone, accounts / requestsDone);
        System.out.printf("every effect delivered (%d codes, %d revoke notices, %d installs and uninstalls counted) after %.1f s:"
                + " %.0f round trips/s end to end%n", CODES.get(), REVOKES.get(), accounts, allDelivered, accounts / allDelivered);
        clients.shutdown();
        backend.stop(0);
        System.exit(0);
    }

    private static String call(String method, String url, String token, String contentType, byte[] body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
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
