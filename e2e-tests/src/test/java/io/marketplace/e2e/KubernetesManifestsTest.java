package io.marketplace.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.marketplace.e2e.Stack.Service;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.Yaml;

/** Each service's build generates a deployable Kubernetes manifest: its port, its probes, its configuration sources. */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private static final Map<Service, Integer> PORTS = Map.of(Service.INTEGRATIONS, 8081, Service.KEYS, 8082,
            Service.STATS, 8083, Service.WEBHOOK, 8084);

    @ParameterizedTest
    @EnumSource(Service.class)
    @SuppressWarnings("unchecked")
    void everyServiceHasADeploymentWithHealthProbesOnItsPort(Service service) throws IOException {
        Map<String, Object> deployment = resource(service, "Deployment");
        Map<String, Object> container = ((List<Map<String, Object>>) path(deployment, "spec", "template", "spec", "containers")).get(0);
        int port = PORTS.get(service);

        assertThat(path(container, "readinessProbe", "httpGet", "path"), equalTo("/q/health/ready"));
        assertThat(path(container, "readinessProbe", "httpGet", "port"), equalTo(port));
        assertThat(path(container, "livenessProbe", "httpGet", "path"), equalTo("/q/health/live"));
        assertThat(((List<Map<String, Object>>) container.get("ports")).get(0).get("containerPort"), equalTo(port));
        List<Map<String, Object>> envFrom = (List<Map<String, Object>>) container.get("envFrom");
        assertThat(envFrom, hasItem(Map.of("configMapRef", Map.of("name", "marketplace-config"))));
        assertThat(envFrom, hasItem(Map.of("secretRef", Map.of("name", "marketplace-secrets"))));
        assertThat(path(container, "resources", "limits", "memory"), notNullValue());
    }

    @ParameterizedTest
    @EnumSource(Service.class)
    void everyServiceIsScrapedForPrometheusMetrics(Service service) throws IOException {
        assertThat(path(resource(service, "Service"), "metadata", "annotations", "prometheus.io/path"), equalTo("/q/metrics"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(Service service, String kind) throws IOException {
        try (Reader manifest = Files.newBufferedReader(ROOT.resolve(service.module).resolve("target/kubernetes/kubernetes.yml"))) {
            return StreamSupport.stream(new Yaml().loadAll(manifest).spliterator(), false)
                    .map(document -> (Map<String, Object>) document)
                    .filter(document -> kind.equals(document.get("kind"))
                            && service.module.equals(path(document, "metadata", "name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + service.module + " in the manifest"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> node, String... keys) {
        Object current = node;
        for (String key : keys) {
            current = current instanceof Map ? ((Map<String, Object>) current).get(key) : null;
        }
        return current;
    }
}
