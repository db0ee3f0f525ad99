package io.marketplace.platform.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * deploy/service-jvm.sh records a service's start-up cache from its first start, and the JVM writes it when the
 * process stops, whether the start succeeded or not. A start that failed (the database unreachable, say) would leave
 * a cache of a fraction of the classes, read at every start after it: a service silently slower to start (5 s instead
 * of 3.5 s for integrations-service). So the recording start names a marker file, written here once the service has
 * started; the script reads a cache only beside its marker, and records again otherwise.
 */
@ApplicationScoped
public class StartCacheRecording {

    private static final Logger LOG = Logger.getLogger(StartCacheRecording.class);

    @Inject
    PlatformConfig config;

    void started(@Observes StartupEvent event) {
        config.startCache().startedMarker().ifPresent(StartCacheRecording::mark);
    }

    static void mark(Path marker) {
        try {
            Files.deleteIfExists(marker);
            Files.createFile(marker);
        } catch (IOException e) {
            // the cache will be recorded again at the next start: slower once, never wrong
            LOG.warnf("Could not write %s (%s): the start-up cache will be recorded again", marker, e.getMessage());
        }
    }
}
