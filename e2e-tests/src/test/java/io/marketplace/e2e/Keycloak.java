package io.marketplace.e2e;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Keycloak from Maven Central's distribution (unpacked by this module's build), importing the realm file that
 * docker-compose.yml uses, on free loopback ports. Keycloak 26 needs Java 21 or newer, which may not be the JDK
 * running the build: {@link #findJava21()} looks for one.
 */
final class Keycloak implements AutoCloseable {

    static final String REALM_FILE = "deploy/keycloak/marketplace-realm.json";
    private static final Duration STARTUP = Duration.ofSeconds(240);

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int managementPort;

    Keycloak(Path home, Path javaHome, Path realmFile) throws Exception {
        Path data = home.resolve("data");
        deleteRecursively(data); // a fresh realm each run
        Files.createDirectories(data.resolve("import"));
        Files.copy(realmFile, data.resolve("import").resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        httpPort = freePort();
        managementPort = freePort();
        log = Files.createTempFile("keycloak", ".log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-host=127.0.0.1", "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--health-enabled=true")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("PATH", javaHome.resolve("bin") + ":" + System.getenv("PATH"));
        process = builder.start();
        awaitReady();
    }

    /** The realm's URL, which is also the issuer its tokens name. */
    String realmUrl() {
        return "http://127.0.0.1:" + httpPort + "/realms/marketplace";
    }

    /** A user's access token, as the console client gets it (direct grant, allowed for that client in the realm). */
    String userToken(String username) {
        return given().formParams(Map.of("grant_type", "password", "client_id", "marketplace-console",
                        "username", username, "password", username))
                .when().post(realmUrl() + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }

    /** A Java 21+ home: KEYCLOAK_JAVA_HOME, the JDK running the build, or the newest one under /usr/lib/jvm. */
    static Optional<Path> findJava21() throws IOException {
        String configured = System.getenv("KEYCLOAK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .filter(home -> featureVersion(home) >= 21)
                    .max(Comparator.comparingInt(Keycloak::featureVersion));
        }
    }

    private static int featureVersion(Path javaHome) {
        try (Stream<String> lines = Files.lines(javaHome.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> Integer.parseInt(version.split("[.+-]")[0]))
                    .findFirst().orElse(0);
        } catch (IOException | NumberFormatException unreadable) {
            return 0;
        }
    }

    private void awaitReady() throws Exception {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited: " + tail());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(
                        "http://127.0.0.1:" + managementPort + "/health/ready").toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        process.destroy();
        throw new IllegalStateException("Keycloak was not ready within " + STARTUP.toSeconds() + " s: " + tail());
    }

    private String tail() throws IOException {
        String text = Files.readString(log);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
