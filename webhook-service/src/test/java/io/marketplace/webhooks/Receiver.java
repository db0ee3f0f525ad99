package io.marketplace.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A developer's system on loopback: records every request it gets and answers the n-th (from 1) as told, or hangs
 * until it is closed.
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
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile IntFunction<Answer> answers = n -> Answer.status(200);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), System.currentTimeMillis()));
            Answer answer = answers.apply(count.incrementAndGet());
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

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
