package io.quarkus.smallrye.openapi.runtime;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the OpenAPI documents when one is first asked for, not at start-up. Quarkus 3.31 to 3.33 build them at every
 * start (quarkusio/quarkus#54826): parsing the stored documents, running the runtime filters and writing JSON and YAML
 * took 270–450 ms of integrations-service's main thread, and the four services started together spent about 15% less
 * CPU without it (README, "Start-up"), for pages few instances ever serve. Upstream made it lazy in
 * quarkusio/quarkus#55538 when no filter runs at {@code RUNTIME_STARTUP} (ours, {@code ContractDocument}, runs at
 * build time): remove this class on a Quarkus that has that change. Quarkus serves the documents on a worker thread,
 * so the first request's build (0.3–0.6 s) holds up no event loop.
 * <p>
 * It sits in Quarkus's package because the step it defers is package-private, and it is a bean of the packaged
 * application only: there one class loader holds every class, while tests load this module apart from Quarkus's, so
 * the override would not apply and ArC could not inject the parent's fields. The end-to-end tests, which run the
 * packaged services, check that each serves its documents as stored at build time.
 */
@IfBuildProfile("prod")
@Alternative
@Priority(1)
@ApplicationScoped
@Unremovable // looked up by Quarkus's recorder and handler, never injected
public class LazyOpenApiDocumentService extends OpenApiDocumentService {

    private final List<Runnable> preparations = new ArrayList<>();
    private volatile boolean prepared;

    @Override
    synchronized void prepareDocument(AutoSecurityFilter autoSecurityFilter,
            Map<OpenApiFilter.RunStage, List<String>> filters, String documentName) {
        preparations.add(() -> super.prepareDocument(autoSecurityFilter, filters, documentName));
    }

    @Override
    public byte[] getDocument(String documentName, Format format) {
        if (!prepared) {
            prepareAll();
        }
        return super.getDocument(documentName, format);
    }

    /** All documents at once: the parent keeps them in a plain map, which must not change while another is read. */
    private synchronized void prepareAll() {
        if (!prepared) {
            preparations.forEach(Runnable::run);
            preparations.clear();
            prepared = true;
        }
    }
}
