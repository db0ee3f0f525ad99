package io.marketplace.integrations.persistence;

import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.persistence.Jdbc;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class IntegrationRepository implements PanacheRepositoryBase<Integration, UUID> {

    @Inject
    DataSource dataSource;

    /** The integration if it belongs to the account; another account's integration is as good as absent. */
    public Optional<Integration> findOwned(UUID id, long accountId) {
        return find("id = ?1 and ownerAccountId = ?2", id, accountId).firstResultOptional();
    }

    /** One page of the account's integrations, newest first, plus one more to tell whether a next page exists. */
    public List<Integration> pageOwned(long accountId, PageRequest page) {
        return getEntityManager().createQuery(
                        "from Integration where ownerAccountId = ?1 order by createdAt desc, id", Integration.class)
                .setParameter(1, accountId)
                .setFirstResult(page.offset())
                .setMaxResults(page.limit() + 1)
                .getResultList();
    }

    /**
     * The integration read for its fields only, detached: the native statements later in the transaction (locks,
     * outbox rows) then have no managed entity to flush and dirty-check first.
     */
    public Integration snapshot(UUID id) {
        Integration integration = findById(id);
        if (integration != null) {
            getEntityManager().detach(integration);
        }
        return integration;
    }

    /**
     * Holds the integration against every other change of it, its versions and their listings until the transaction
     * ends, so that such changes run one after the other, each reading what the one before it wrote. A no-key-update
     * lock: installs, which hold a key-share lock, go on beside it.
     */
    public void lockForChange(UUID id) {
        getEntityManager().createNativeQuery("SELECT 1 FROM integration WHERE id = ?1 FOR NO KEY UPDATE")
                .setParameter(1, id).getResultList();
    }

    /** The same, only if the account owns the integration: another account's request holds nothing of it. */
    public void lockForChange(UUID id, long ownerAccountId) {
        getEntityManager().createNativeQuery(
                        "SELECT 1 FROM integration WHERE id = ?1 AND owner_account_id = ?2 FOR NO KEY UPDATE")
                .setParameter(1, id).setParameter(2, ownerAccountId).getResultList();
    }

    /** Locks the integration for its delete: installs of it wait, then find it gone. */
    public void lockForDelete(UUID id) {
        getEntityManager().createNativeQuery("SELECT 1 FROM integration WHERE id = ?1 FOR UPDATE")
                .setParameter(1, id).getResultList();
    }

    public boolean codeTaken(String code) {
        return count("lower(code) = lower(?1)", code) > 0;
    }

    /** The company a version names as the integration's developer (its settings), or null. */
    public String ownerCompany(UUID versionId) {
        return getEntityManager().createQuery("select v.ownerCompany from IntegrationVersion v where v.id = ?1", String.class)
                .setParameter(1, versionId).getResultStream().findFirst().orElse(null);
    }
}
