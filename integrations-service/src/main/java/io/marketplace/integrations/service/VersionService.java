package io.marketplace.integrations.service;

import io.marketplace.integrations.client.WebhookServiceEvents;
import io.marketplace.integrations.persistence.CatalogRepository;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.persistence.IntegrationRepository;
import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.integrations.service.VersionLifecycle.Move;
import io.marketplace.platform.domain.Language;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.problem.FieldError;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Versions of an integration: review, moderation, publication, new drafts and deletions. */
@ApplicationScoped
public class VersionService {

    public static final int MAX_REASON_LENGTH = 2000;

    @Inject
    IntegrationService integrations;

    @Inject
    IntegrationRepository integrationRepository;

    @Inject
    ListingService listingService;

    @Inject
    VersionLifecycle lifecycle;

    @Inject
    WebhookServiceEvents webhookService;

    @Inject
    CatalogRepository catalog;

    @Inject
    CatalogCache catalogCache;

    @Inject
    Caller caller;

    /** Sends a draft to review, or answers 422 with every problem of the completeness report (nothing changes). */
    @Transactional
    public IntegrationVersion requestReview(UUID integrationId, int number) {
        IntegrationVersion version = integrations.versionToChange(integrationId, number);
        if (version.status == VersionStatus.DRAFT) {
            List<FieldError> problems = listingService.completeness(version);
            if (!problems.isEmpty()) {
                throw ProblemException.unprocessable("Version " + number + " is not ready for review: "
                        + problems.size() + " problem(s)", problems);
            }
        }
        lifecycle.apply(version, Move.REVIEW, null);
        version.rejectionReason = null;
        version.submittedAt = version.updatedAt;
        return version;
    }

    @Transactional
    public IntegrationVersion cancelReview(UUID integrationId, int number) {
        IntegrationVersion version = integrations.versionToChange(integrationId, number);
        lifecycle.apply(version, Move.CANCEL, null);
        return version;
    }

    @Transactional
    public IntegrationVersion approve(UUID integrationId, int number) {
        IntegrationVersion version = forModeration(integrationId, number);
        lifecycle.apply(version, Move.APPROVE, null);
        return version;
    }

    @Transactional
    public IntegrationVersion reject(UUID integrationId, int number, String reason) {
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw ProblemException.invalid("reason", "required",
                    "reason is required (1-" + MAX_REASON_LENGTH + " characters): the developer reads it");
        }
        IntegrationVersion version = forModeration(integrationId, number);
        lifecycle.apply(version, Move.REJECT, reason);
        version.rejectionReason = reason;
        return version;
    }

    /** Publishes an approved version in a category ({@code other} when none is given); the previous one is superseded. */
    @Transactional
    public IntegrationVersion publish(UUID integrationId, int number, String categoryCode) {
        Category category = categoryCode == null ? Category.OTHER : Category.of(categoryCode).orElseThrow(() ->
                ProblemException.invalid("category", "unknown_value", "category must be one of " + Category.allCodes()));
        IntegrationVersion version = integrations.versionToChange(integrationId, number);
        lifecycle.apply(version, Move.PUBLISH, null);
        version.category = category.code();
        version.integration.versions.stream()
                .filter(other -> other != version && other.status == VersionStatus.PUBLISHED)
                .forEach(previous -> lifecycle.applyAutomatically(previous, Move.SUPERSEDE,
                        "version " + version.number + " was published"));
        webhookService.published(version.integration);
        catalog.refresh(integrationId, Arrays.stream(Language.values()).map(language -> language.code).toList());
        catalogCache.clear();
        return version;
    }

    /** A version of one of the caller's integrations. */
    public IntegrationVersion version(UUID integrationId, int number) {
        return integrations.version(integrationId, number);
    }

    /** The integration's versions, newest first, plus one more to tell whether a next page exists. */
    public List<IntegrationVersion> page(UUID integrationId, PageRequest page) {
        List<IntegrationVersion> all = new ArrayList<>(integrations.get(integrationId).versions);
        Collections.reverse(all);
        return all.stream().skip(page.offset()).limit(page.limit() + 1L).toList();
    }

    /** A draft, and whether this request added it. */
    public record Drafted(IntegrationVersion version, boolean added) {
    }

    /**
     * A new draft copied from the latest version: settings, listings, images (by reference) and archive. With
     * {@code reuseOpenDraft}, the integration's draft when it has one (pipelines running at once get the same one).
     */
    @Transactional
    public Drafted newDraft(UUID integrationId, boolean reuseOpenDraft) {
        Integration integration = integrations.change(integrationId);
        Optional<IntegrationVersion> open = integration.versions.stream()
                .filter(v -> v.status == VersionStatus.DRAFT || v.status == VersionStatus.IN_REVIEW)
                .findFirst();
        if (open.isPresent() && reuseOpenDraft && open.get().status == VersionStatus.DRAFT) {
            return new Drafted(open.get(), false);
        }
        open.ifPresent(version -> {
            throw ProblemException.conflict("Version " + version.number + " is " + version.status.code()
                    + "; a new version can be added once it is reviewed or withdrawn");
        });
        IntegrationVersion latest = integration.versions.get(integration.versions.size() - 1);
        IntegrationVersion draft = IntegrationVersion.draft(integration, latest.number + 1, Instant.now());
        draft.duplicateControl = latest.duplicateControl;
        draft.multipleSources = latest.multipleSources;
        draft.ownerCompany = latest.ownerCompany;
        draft.hasWidget = latest.hasWidget;
        draft.archive = latest.archive;
        integration.versions.add(draft);
        integrationRepository.flush();
        listingService.copyListings(latest, draft);
        return new Drafted(draft, true);
    }

    /** Deletes a draft, unless it is the integration's only version. */
    @Transactional
    public void deleteDraft(UUID integrationId, int number) {
        IntegrationVersion version = integrations.versionToChange(integrationId, number);
        if (version.status != VersionStatus.DRAFT) {
            throw ProblemException.conflict("Version " + number + " is " + version.status.code() + "; only a draft can be deleted");
        }
        if (version.integration.versions.size() == 1) {
            throw ProblemException.conflict("Version " + number + " is the integration's only version");
        }
        version.integration.versions.remove(version);
    }

    /** The versions waiting for moderators, oldest request first, with one more to tell whether a next page exists. */
    public List<IntegrationVersion> queue(VersionStatus status, PageRequest page) {
        return integrationRepository.getEntityManager().createQuery("""
                        from IntegrationVersion v join fetch v.integration
                        where v.status = ?1 order by v.submittedAt, v.id""", IntegrationVersion.class)
                .setParameter(1, status)
                .setFirstResult(page.offset())
                .setMaxResults(page.limit() + 1)
                .getResultList();
    }

    /** Moderators act on any account's versions, except their own account's. */
    private IntegrationVersion forModeration(UUID integrationId, int number) {
        integrationRepository.lockForChange(integrationId); // moderators deciding at once: one decision, not the last
        Integration integration = integrationRepository.findByIdOptional(integrationId)
                .orElseThrow(() -> ProblemException.notFound("No integration " + integrationId));
        IntegrationVersion version = integration.versions.stream().filter(v -> v.number == number).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Integration " + integrationId + " has no version " + number));
        if (integration.ownerAccountId == caller.accountId()) {
            throw ProblemException.forbidden("Moderators cannot moderate their own account's integrations");
        }
        return version;
    }
}
