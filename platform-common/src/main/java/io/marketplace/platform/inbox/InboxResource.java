package io.marketplace.platform.inbox;

import io.marketplace.platform.events.EventBatch;
import io.marketplace.platform.events.EventReceipt;
import io.marketplace.platform.events.EventsApi;
import io.marketplace.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "internal", description = "Service-to-service endpoints")
@Extension(name = "x-smallrye-profile-internal", value = "")
@RolesAllowed(Roles.SERVICE)
public class InboxResource implements EventsApi {

    @Inject
    Inbox inbox;

    @Override
    public EventReceipt deliver(EventBatch batch) {
        return inbox.receive(batch);
    }
}
