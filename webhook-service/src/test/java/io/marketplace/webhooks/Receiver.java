package io.marketplace.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A developer's system on loopback: records every request it gets and answers the n-th request of each webhook-id
 * (from 1) as told, or hangs until it is closed. Counting per webhook-id keeps a test's answers its own: a retry left
 * over from an earlier test can reach a port the system has since handed to this receiver.
 */
final class Receiver implements AutoCloseable {

    record Answer(int status, Map<String, String> headers, boolean hang) {
        static Answer status(int status) {
            return new Answer(status, Map.of(), false);
        }

        static Answer hanging() {
            return new Answer(0, Map.of(), true);
        }
    }

    record Request(String path, String rawQuery, Map<String, List<String>> headers, long receivedAtMillis) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile IntFunction<Answer> answers = n -> Answer.status(200);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), System.currentTimeMillis()));
            String webhookId = String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id"));
            Answer answer = answers.apply(counts.computeIfAbsent(webhookId, id -> new AtomicInteger()).incrementAndGet());
            if (answer.hang()) {
                try {
                    closing.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(answer.status(), -1);
            exchange.close();
        });
        server.start();
    }

    Receiver answering(IntFunction<Answer> answers) {
        this.answers = answers;
        return this;
    }

    /** A URL on this receiver, for example {@code url("/kommo/revoke")}. */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests of one delivery. */
    List<Request> requests(UUID webhookId) {
        return requests.stream().filter(r -> webhookId.toString().equals(r.header("webhook-id"))).toList();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
