package io.marketplace.platform.test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One WireMock server on loopback standing in for every neighbour named in the {@code neighbours} init argument
 * (comma-separated). Its default answer accepts any event batch, as a healthy neighbour would.
 */
public class NeighboursStub implements QuarkusTestResourceLifecycleManager {

    public static final String EVENTS_PATH = "/internal/v1/events";

    private WireMockServer server;
    private String[] neighbours = new String[0];

    @Override
    public void init(Map<String, String> initArgs) {
        neighbours = initArgs.getOrDefault("neighbours", "").split(",");
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        acceptAllEvents(server);
        Map<String, String> config = new HashMap<>();
        Arrays.stream(neighbours).filter(name -> !name.isBlank())
                .forEach(name -> config.put("marketplace.neighbours." + name.trim() + ".url", server.baseUrl()));
        return config;
    }

    /** Restores the healthy-neighbour answer after a test changed it. */
    public static void acceptAllEvents(WireMockServer server) {
        server.resetAll();
        server.stubFor(post(urlEqualTo(EVENTS_PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"received\":1,\"processed\":1,\"duplicates\":0}")));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectNeighbour.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
