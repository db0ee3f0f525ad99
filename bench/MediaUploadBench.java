import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Uploads listing images to a running integrations-service and prints throughput and latency.
 * Run by bench/media-upload.sh: java bench/MediaUploadBench.java <base-url> <bearer-token> <count>
 * Half the uploads are icons (400×272 PNG), half gallery replacements (1188×616 JPEG); 10 distinct images of each
 * kind are cycled so that content addressing does not turn every upload into a no-op.
 */
public class MediaUploadBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int count = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newHttpClient();

        String created = send(http, HttpRequest.newBuilder(URI.create(base + "/api/v1/integrations"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\": \"bench" + System.nanoTime()
                        + "\", \"redirect_uri\": \"https://dev.example.com/cb\", \"scopes\": [\"crm\"], \"languages\": [\"en\"]}"))
                .build(), 201);
        String id = field(created, "id");
        String listing = base + "/api/v1/integrations/" + id + "/versions/1/listings/en";

        List<byte[]> icons = new ArrayList<>();
        List<byte[]> gallery = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            icons.add(encode(noisy(400, 272, i), "png"));
            gallery.add(encode(noisy(1188, 616, 100 + i), "jpeg"));
        }
        String imageId = field(send(http, image(listing + "/gallery", token, "image/jpeg", gallery.get(0), true), 201), "id");

        long[] latencies = new long[count];
        long bytes = 0;
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            boolean icon = i % 2 == 0;
            byte[] body = icon ? icons.get(i / 2 % 10) : gallery.get(i / 2 % 10);
            HttpRequest request = icon ? image(listing + "/icon", token, "image/png", body, false)
                    : image(listing + "/gallery/" + imageId, token, "image/jpeg", body, false);
            long t0 = System.nanoTime();
            send(http, request, 200);
            latencies[i] = System.nanoTime() - t0;
            bytes += body.length;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Arrays.sort(latencies);
        System.out.printf("uploads: %d (%d icons 400x272 PNG, %d gallery 1188x616 JPEG), %.1f MiB in total%n",
                count, (count + 1) / 2, count / 2, bytes / 1048576.0);
        System.out.printf("throughput: %.1f images/s (one client, sequential)%n", count / seconds);
        System.out.printf("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", latencies[count / 2] / 1e6,
                latencies[(int) Math.ceil(count * 0.99) - 1] / 1e6, latencies[count - 1] / 1e6);
    }

    private static HttpRequest image(String url, String token, String type, byte[] body, boolean post) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", type);
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofByteArray(body);
        return (post ? builder.POST(publisher) : builder.PUT(publisher)).build();
    }

    private static String send(HttpClient http, HttpRequest request, int expected) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!matcher.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return matcher.group(1);
    }

    private static BufferedImage noisy(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(8) * 0x202020 + (int) seed);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}
