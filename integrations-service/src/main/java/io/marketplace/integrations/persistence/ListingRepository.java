package io.marketplace.integrations.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ListingRepository implements PanacheRepositoryBase<Listing, UUID> {

    public Optional<Listing> find(IntegrationVersion version, String language) {
        return find("version = ?1 and language = ?2", version, language).firstResultOptional();
    }

    public List<Listing> ofVersion(IntegrationVersion version) {
        return list("version", version);
    }

    /** Removes a language's listings from the integration's drafts; submitted versions keep theirs. */
    public void deleteFromDrafts(Integration integration, String language) {
        delete("language = ?1 and version in (from IntegrationVersion v where v.integration = ?2 and v.status = ?3)",
                language, integration, VersionStatus.DRAFT);
    }
}
