package io.marketplace.platform.test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/service-jvm.sh decides how ./run.sh and the benchmarks start a service's JVM: its defaults, and whether the
 * start records the start-up cache or reads it. Tried here on a stand-in module, with the Java running the tests.
 */
class ServiceJvmScriptTest {

    private static final Path SCRIPT = Path.of("..", "deploy", "service-jvm.sh").toAbsolutePath().normalize();
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    /** The option of a start that records the cache. */
    private static final String RECORDS = AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";

    @TempDir
    Path work;

    @Test
    void recordsTheCacheOnTheFirstStartAndReadsItAfterwards() throws Exception {
        Path jar = moduleBuiltAMinuteAgo();
        String first = options(Map.of());
        assertThat(first, containsString(RECORDS));

        // the first start, as short as a JVM can make it: it writes the cache when it stops
        Path cache = cacheFile(first);
        record(first, jar);
        assertThat("recorded", Files.size(cache) > 0, equalTo(true));
        Files.createFile(startedMarker(first));
        String next = options(Map.of());
        assertThat(next, containsString((AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + work.relativize(cache)));
        assertThat(next, not(containsString("Output")));
        assertThat(next, not(containsString("AtExit")));
    }

    @Test
    void recordsAgainWhenTheStartThatRecordedTheCacheFailed() throws Exception {
        Path jar = moduleBuiltAMinuteAgo();
        String first = options(Map.of());
        Path cache = cacheFile(first);
        // a readable cache, but the service never said it started (StartCacheRecording writes the marker)
        record(first, jar);

        assertThat(options(Map.of()), containsString(RECORDS));
        assertThat("the cache of a failed start is gone", Files.exists(cache), equalTo(false));
    }

    @Test
    void recordsAgainWhenTheCacheIsNoFileTheJvmCanRead() throws Exception {
        moduleBuiltAMinuteAgo();
        String first = options(Map.of());
        Path cache = cacheFile(first);
        // what a recording JVM killed with -9 leaves: Java 17 would crash at every start on it
        Files.writeString(cache, "cut short");
        Files.createFile(startedMarker(first));

        assertThat(options(Map.of()), containsString(RECORDS));
        assertThat("the unreadable cache is gone", Files.exists(cache), equalTo(false));
    }

    @Test
    void recordsAgainOnceAJarIsNewerThanTheCache() throws Exception {
        Path jar = module();
        String first = options(Map.of());
        Path cache = cacheFile(first);
        Files.writeString(cache, "recorded");
        Files.createFile(startedMarker(first));
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(options(Map.of()), containsString(RECORDS));
        assertThat("the stale cache is gone", Files.exists(cache), equalTo(false));
    }

    @Test
    void startsWithoutACacheWhenItIsTurnedOff() throws Exception {
        module();
        String options = options(Map.of("SERVICE_START_CACHE", "off"));
        assertThat(options, not(containsString("AOTCache")));
        assertThat(options, not(containsString("SharedArchiveFile")));
        assertThat(options, not(containsString("ArchiveClassesAtExit")));
    }

    @Test
    void defaultsToTheSerialCollectorASmallInitialHeapAndNativeTrimmingWhichJavaOptsReplace() throws Exception {
        module();
        assertThat(options(Map.of()), startsWith(
                "-Xmx512m -Xms32m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=1000 -Dvertx.disableURIValidation=true "));
        assertThat(options(Map.of("JAVA_OPTS", "-Xmx64m")), startsWith("-Xmx64m -Dvertx.disableURIValidation=true "));
    }

    @Test
    void leavesNativeTrimmingOutOnAJavaThatDoesNotKnowIt() throws Exception {
        module();
        // a Java older than 17.0.9 refuses the option and would not start at all
        Path olderJava = Files.createDirectories(work.resolve("older-java/bin")).resolve("java");
        Files.writeString(olderJava, """
                #!/usr/bin/env bash
                for option in "$@"; do
                  case $option in -XX:TrimNativeHeapInterval=*) echo "Unrecognized VM option" >&2; exit 1 ;; esac
                done
                exec "%s" "$@"
                """.formatted(Path.of(System.getProperty("java.home"), "bin", "java")));
        Files.setPosixFilePermissions(olderJava, PosixFilePermissions.fromString("rwxr-xr-x"));

        String options = options(Map.of("JAVA_HOME", olderJava.getParent().getParent().toString()));
        assertThat(options, startsWith("-Xmx512m -Xms32m -XX:+UseSerialGC -Dvertx.disableURIValidation=true "));
        assertThat("the cache is still recorded for the Java's version", options, containsString(RECORDS));
    }

    private Path moduleBuiltAMinuteAgo() throws IOException {
        return Files.setLastModifiedTime(module(), FileTime.from(Instant.now().minusSeconds(60)));
    }

    private Path module() throws IOException {
        Path app = Files.createDirectories(work.resolve("some-service/target/quarkus-app"));
        return Files.writeString(app.resolve("quarkus-run.jar"), "stand-in");
    }

    private void record(String recordingOptions, Path jar) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(recordingOptions.substring(recordingOptions.indexOf("-XX:A"), recordingOptions.indexOf(" -Dmarketplace.start-cache"))
                .split(" ")));
        command.addAll(List.of("-cp", work.relativize(jar).toString(), "-version"));
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat("the recording JVM stopped", process.waitFor(60, TimeUnit.SECONDS), equalTo(true));
        assertThat(output, process.exitValue(), equalTo(0));
    }

    /** The marker file the recording start is told to write once the service has started. */
    private Path startedMarker(String options) {
        String flag = "-Dmarketplace.start-cache.started-marker=";
        assertThat(options, containsString(flag));
        return work.resolve(options.substring(options.indexOf(flag) + flag.length()).split(" ")[0]);
    }

    /** The file a recording option names, relative to the work directory. */
    private Path cacheFile(String options) {
        String rest = options.substring(options.indexOf(RECORDS) + RECORDS.length());
        return work.resolve(rest.split(" ")[0]);
    }

    private String options(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "source \"$0\" && service_jvm_options some-service", SCRIPT.toString())
                .directory(work.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("SERVICE_START_CACHE");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat("bash exited in time", process.waitFor(30, TimeUnit.SECONDS), equalTo(true));
        assertThat(output, process.exitValue(), equalTo(0));
        return output;
    }
}
