package io.marketplace.e2e;

import io.marketplace.platform.http.RequestGuard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The four services as built ({@code target/quarkus-app/quarkus-run.jar}), each its own JVM on a free loopback port,
 * sharing a fresh database. They trust either the test issuer's key (so {@code TestTokens} work, and they sign their
 * own service tokens with it) or a real identity provider; keys-service gets a fresh encryption key. A service can be
 * stopped and started again. With several replicas of each service, replica n of a service calls replica n of its
 * neighbours; all of them share the one database.
 */
final class Stack implements AutoCloseable {

    enum Service {
        INTEGRATIONS("integrations-service"), KEYS("keys-service"), STATS("stats-service"), WEBHOOK("webhook-service");

        final String module;

        Service(String module) {
            this.module = module;
        }
    }

    private final Path root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    private final Path work;
    private final int replicas;
    private final Map<Service, int[]> ports = new EnumMap<>(Service.class);
    private final Map<Service, Process[]> processes = new EnumMap<>(Service.class);
    private final Map<String, String> environment = new HashMap<>();
    private final Map<Service, Map<String, String>> serviceEnvironment = new EnumMap<>(Service.class);
    private final String database;

    /** The services trusting the test issuer, which also signs their service tokens. */
    static Stack withTestIssuer() throws Exception {
        return withTestIssuer("marketplace_e2e", 1);
    }

    /** As {@link #withTestIssuer()}, with {@code replicas} instances of each service on a database of its own. */
    static Stack withTestIssuer(String database, int replicas) throws Exception {
        Stack stack = new Stack(database, replicas);
        String privateKey = testIssuerKey();
        Path privateKeyFile = stack.work.resolve("issuer-private.pem");
        Files.writeString(privateKeyFile, privateKey);
        stack.environment.put("QUARKUS_OIDC_PUBLIC_KEY", publicKeyOf(privateKey));
        stack.environment.put("QUARKUS_OIDC_TOKEN_ISSUER", "marketplace-dev-issuer");
        stack.environment.put("MARKETPLACE_SERVICE_AUTH_MODE", "dev-issuer");
        stack.environment.put("MARKETPLACE_DEV_ISSUER_PRIVATE_KEY_LOCATION", privateKeyFile.toString());
        return stack;
    }

    /**
     * The services as docker-compose.yml runs them: users' tokens and the services' own (client credentials, one
     * client per service with the realm file's secret) both come from the identity provider's realm.
     */
    static Stack withIdentityProvider(String realmUrl) throws Exception {
        Stack stack = new Stack("marketplace_e2e_idp", 1);
        stack.environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", realmUrl);
        stack.environment.put("QUARKUS_OIDC_TOKEN_ISSUER", realmUrl);
        stack.environment.put("MARKETPLACE_SERVICE_AUTH_MODE", "oidc-client");
        stack.environment.put("QUARKUS_OIDC_CLIENT_CLIENT_ENABLED", "true");
        stack.environment.put("QUARKUS_OIDC_CLIENT_AUTH_SERVER_URL", realmUrl);
        for (Service service : Service.values()) {
            stack.serviceEnvironment.put(service, Map.of("QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", service.module + "-secret"));
        }
        // the authorization page signs users in at the realm with its own client, as docker-compose.yml has it
        stack.serviceEnvironment.put(Service.INTEGRATIONS, Map.of(
                "QUARKUS_OIDC_CLIENT_CREDENTIALS_SECRET", Service.INTEGRATIONS.module + "-secret",
                "MARKETPLACE_SIGN_IN_OIDC", "true",
                "MARKETPLACE_SIGN_IN_CLIENT_SECRET", "authorization-page-secret"));
        return stack;
    }

    private Stack(String database, int replicas) throws Exception {
        work = Files.createTempDirectory("marketplace-e2e");
        this.replicas = replicas;
        for (Service service : Service.values()) {
            int[] servicePorts = new int[replicas];
            for (int replica = 0; replica < replicas; replica++) {
                servicePorts[replica] = freePort();
            }
            ports.put(service, servicePorts);
            processes.put(service, new Process[replicas]);
        }
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:5432/postgres", "postgres", "");
                Statement statement = db.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        this.database = database;
        environment.put("DB_NAME", database);
        environment.put("KEYS_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32)));
        // every replica of keys-service issues tokens under the same name
        environment.put("KEYS_ISSUER", url(Service.KEYS));
        environment.put("AUTHORIZATION_ENDPOINT", url(Service.INTEGRATIONS) + "/oauth");
        environment.put("PUBLISH_TOKENS_ENABLED", "false");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:5432/" + database;
    }

    /** The first replica's base URL. */
    String url(Service service) {
        return url(service, 0);
    }

    String url(Service service, int replica) {
        return "http://127.0.0.1:" + ports.get(service)[replica];
    }

    /** A document the service's build stored in {@code target/openapi}, the one its Java client is generated from. */
    Path storedDocument(Service service, String file) {
        return root.resolve(service.module).resolve("target/openapi").resolve(file);
    }

    void startAll() throws Exception {
        for (Service service : Service.values()) {
            launch(service);
        }
        for (Service service : Service.values()) {
            awaitReady(service);
        }
    }

    /** Starts every replica of the service and returns once all of them are ready. */
    void start(Service service) throws Exception {
        launch(service);
        awaitReady(service);
    }

    /** Stops every replica of the service (SIGTERM, then waits for the process to end). */
    void stop(Service service) throws InterruptedException {
        Process[] running = processes.get(service);
        for (int replica = 0; replica < replicas; replica++) {
            if (running[replica] != null) {
                running[replica].destroy();
                running[replica].waitFor();
                running[replica] = null;
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (Service service : Service.values()) {
            stop(service);
        }
    }

    private void launch(Service service) throws IOException {
        Path jar = root.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int replica = 0; replica < replicas; replica++) {
            // these JVMs live for one test class and serve a few hundred requests: start-up is most of their CPU, and
            // C1 alone with the serial collector halves it (README, "Performance"); peak speed is the benchmarks' job
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-Xms32m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", RequestGuard.JVM_OPTION, "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(service, replica).toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("KEYS_SERVICE_URL", url(Service.KEYS, replica));
            builder.environment().put("INTEGRATIONS_SERVICE_URL", url(Service.INTEGRATIONS, replica));
            builder.environment().put("STATS_SERVICE_URL", url(Service.STATS, replica));
            builder.environment().put("WEBHOOK_SERVICE_URL", url(Service.WEBHOOK, replica));
            builder.environment().putAll(serviceEnvironment.getOrDefault(service, Map.of()));
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(ports.get(service)[replica]));
            processes.get(service)[replica] = builder.start();
        }
    }

    private void awaitReady(Service service) throws Exception {
        for (int replica = 0; replica < replicas; replica++) {
            awaitReady(service, replica);
        }
    }

    private void awaitReady(Service service, int replica) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            Process process = processes.get(service)[replica];
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module + " exited: " + log(service));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url(service, replica) + "/q/health/ready")
                        .toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(service.module + " was not ready within 90 s: " + log(service));
    }

    /** The end of each replica's log, for a failure's message. */
    String log(Service service) {
        StringBuilder logs = new StringBuilder();
        for (int replica = 0; replica < replicas; replica++) {
            try {
                String log = Files.readString(logFile(service, replica));
                logs.append("--- ").append(logFile(service, replica)).append('\n')
                        .append(log.length() > 4000 ? log.substring(log.length() - 4000) : log);
            } catch (IOException e) {
                logs.append("(no log: ").append(e.getMessage()).append(")\n");
            }
        }
        return logs.toString();
    }

    private Path logFile(Service service, int replica) {
        return work.resolve(service.module + (replica == 0 ? "" : "-" + (replica + 1)) + ".log");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String testIssuerKey() {
        try (InputStream in = Stack.class.getResourceAsStream("/dev-issuer/test-private.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public half of the test issuer's RSA key, base64 DER, as quarkus.oidc.public-key wants it. */
    private static String publicKeyOf(String privatePem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(privatePem.replaceAll("-----[A-Z ]+-----", ""));
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
        return Base64.getEncoder().encodeToString(
                rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded());
    }
}
