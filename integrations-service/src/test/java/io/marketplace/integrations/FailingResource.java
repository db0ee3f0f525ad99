package io.marketplace.integrations;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Test-only endpoint that fails unexpectedly, to see what a client is told when that happens. */
@Path("/test-support/failure")
@PermitAll
public class FailingResource {

    static final String SECRET_DETAIL = "database password is hunter2";

    @GET
    // test only: not part of the contract
    @Operation(hidden = true)
    public String fail() {
        throw new IllegalStateException(SECRET_DETAIL);
    }
}
