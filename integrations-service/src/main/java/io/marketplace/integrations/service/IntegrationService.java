package io.marketplace.integrations.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketplace.integrations.client.KeysServiceEvents;
import io.marketplace.integrations.client.StatsServiceEvents;
import io.marketplace.integrations.client.WebhookServiceEvents;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.persistence.IntegrationRepository;
import io.marketplace.integrations.persistence.IntegrationVersion;
import io.marketplace.integrations.persistence.ListingRepository;
import io.marketplace.integrations.persistence.MediaRepository;
import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.platform.domain.Language;
import io.marketplace.platform.outbound.OutboundUrls;
import io.marketplace.platform.outbox.DeadLetters.DeadLetter;
import io.marketplace.platform.outbox.DeadLetters;
import io.marketplace.platform.paging.PageRequest;
import io.marketplace.platform.problem.FieldError;
import io.marketplace.platform.problem.Problem;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.problem.ProblemType;
import io.marketplace.platform.problem.Violations;
import io.marketplace.platform.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;

/** Stage 1: an integration's identity and client settings, scoped to the caller's technical account. */
@ApplicationScoped
public class IntegrationService {

    private static final Set<String> PATCHABLE = Set.of("redirect_uri", "revoke_url", "scopes", "languages");

    @Inject
    IntegrationRepository integrations;

    @Inject
    KeysServiceEvents keysService;

    @Inject
    WebhookServiceEvents webhookService;

    @Inject
    StatsServiceEvents statsService;

    @Inject
    ListingRepository listings;

    @Inject
    MediaRepository media;

    @Inject
    InstallationService installations;

    @Inject
    Caller caller;

    @Inject
    OutboundUrls outboundUrls;

    @Inject
    DeadLetters deadLetters;

    @Transactional
    public Integration create(NewIntegration request) {
        caller.requireTechnicalAccount();
        if (request == null) {
            throw ProblemException.invalid("", "required", "A JSON body with the integration is required");
        }
        Violations violations = new Violations();
        IntegrationRules.widgetCode(request.code(), violations);
        if (violations.require("redirect_uri", request.redirectUri())) {
            IntegrationRules.callbackUrl("redirect_uri", request.redirectUri(), outboundUrls, violations);
        }
        if (request.revokeUrl() != null) {
            IntegrationRules.callbackUrl("revoke_url", request.revokeUrl(), outboundUrls, violations);
        }
        List<String> scopes = IntegrationRules.scopes(request.scopes(), violations);
        List<String> languages = IntegrationRules.languages(request.languages(), violations);
        violations.throwIfAny();
        if (integrations.codeTaken(request.code())) {
            throw codeTaken(request.code());
        }

        Instant now = Instant.now();
        Integration integration = new Integration();
        integration.id = UUID.randomUUID();
        integration.ownerAccountId = caller.accountId();
        integration.code = request.code();
        integration.redirectUri = request.redirectUri();
        integration.revokeUrl = request.revokeUrl();
        integration.scopes = scopes;
        integration.languages = languages;
        integration.createdBy = caller.userId();
        integration.createdAt = now;
        integration.updatedAt = now;
        integration.versions.add(IntegrationVersion.draft(integration, 1, now));
        try {
            integrations.persistAndFlush(integration);
        } catch (ConstraintViolationException e) {
            // another request took the same code between the check and the insert
            throw codeTaken(request.code());
        }
        keysService.integrationSaved(integration);
        webhookService.integrationSaved(integration);
        statsService.integrationCreated(integration);
        return integration;
    }

    /** One of the caller's integrations; a publish token reaches only the integration it was issued for. */
    public Integration get(UUID id) {
        if (caller.isPublisher()) {
            return id.equals(caller.publishableIntegration()) ? integrations.findByIdOptional(id).orElseThrow(() ->
                    ProblemException.notFound("No integration " + id)) : missing(id);
        }
        return integrations.findOwned(id, caller.accountId()).orElseGet(() -> missing(id));
    }

    /** A version of one of the caller's integrations. */
    public IntegrationVersion version(UUID integrationId, int number) {
        return versionOf(get(integrationId), number);
    }

    /**
     * One of the caller's integrations, to change in this transaction: no other change of it, its versions or their
     * listings runs until the transaction ends, and it is read after the one before it committed. Without that, two
     * first saves of a listing both inserted it (a 500), and an edit that had read a version as a draft wrote it back
     * as a draft after the version was sent to review. Call it before anything of the integration is read in the
     * transaction, or what was read is kept as it was.
     */
    public Integration change(UUID id) {
        if (!caller.isPublisher()) {
            integrations.lockForChange(id, caller.accountId());
        } else if (id.equals(caller.publishableIntegration())) {
            integrations.lockForChange(id);
        }
        return get(id);
    }

    /** A version of one of the caller's integrations, to change in this transaction (see {@link #change}). */
    public IntegrationVersion versionToChange(UUID integrationId, int number) {
        return versionOf(change(integrationId), number);
    }

    private static IntegrationVersion versionOf(Integration integration, int number) {
        return integration.versions.stream().filter(v -> v.number == number).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Integration " + integration.id + " has no version " + number));
    }

    /** Deletes an integration none of whose versions was ever sent to review (every version is still a draft). */
    @Transactional
    public void delete(UUID integrationId) {
        integrations.lockForDelete(integrationId);
        Integration integration = get(integrationId);
        if (integration.versions.stream().anyMatch(v -> v.status != VersionStatus.DRAFT)) {
            throw ProblemException.conflict("A version of this integration was sent to review; it can no longer be deleted");
        }
        installations.removeAll(integration);
        integrations.delete(integration);
        keysService.integrationDeleted(integration);
        webhookService.integrationDeleted(integration);
        statsService.integrationDeleted(integration);
    }

    /** A language the integration no longer has leaves its drafts' listings and images. */
    private void removeFromDrafts(Integration integration, String language) {
        listings.deleteFromDrafts(integration, language);
        media.deleteFromDrafts(integration, language);
    }

    private static Integration missing(UUID id) {
        throw ProblemException.notFound("No integration " + id + " in this account");
    }

    /** The notices about these integrations that a neighbour refused for good, by integration. */
    public Map<UUID, List<DeadLetter>> undeliveredNotices(Collection<UUID> integrationIds) {
        return deadLetters.aboutIntegrations(integrationIds);
    }

    public List<Integration> page(PageRequest page) {
        return integrations.pageOwned(caller.accountId(), page);
    }

    /**
     * JSON merge patch (RFC 7396) of the Stage-1 fields: absent fields stay, {@code "revoke_url": null} removes it.
     * {@code code} is fixed after creation.
     */
    @Transactional
    public Integration patch(UUID id, ObjectNode patch) {
        if (patch == null) {
            throw ProblemException.invalid("", "required", "A JSON object with the fields to change is required");
        }
        Integration integration = change(id);
        Violations violations = new Violations();
        for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("code")) {
                violations.add("code", "immutable", "code cannot be changed after creation");
            } else if (!PATCHABLE.contains(name)) {
                violations.add(name, "unknown_field", name + " is not a field that can be changed");
            }
        }
        String redirectUri = patch.has("redirect_uri") ? requiredText(patch, "redirect_uri", violations) : integration.redirectUri;
        if (patch.has("redirect_uri") && redirectUri != null) {
            IntegrationRules.callbackUrl("redirect_uri", redirectUri, outboundUrls, violations);
        }
        String revokeUrl = integration.revokeUrl;
        if (patch.has("revoke_url")) {
            revokeUrl = patch.get("revoke_url").isNull() ? null : requiredText(patch, "revoke_url", violations);
            if (revokeUrl != null) {
                IntegrationRules.callbackUrl("revoke_url", revokeUrl, outboundUrls, violations);
            }
        }
        List<String> scopes = integration.scopes;
        List<String> requestedScopes = textList(patch, "scopes", violations);
        if (requestedScopes != null) {
            scopes = IntegrationRules.scopes(requestedScopes, violations);
        }
        List<String> languages = integration.languages;
        List<String> requestedLanguages = textList(patch, "languages", violations);
        if (requestedLanguages != null) {
            languages = IntegrationRules.languages(requestedLanguages, violations);
        }
        violations.throwIfAny();

        for (String removed : integration.languages) {
            if (!languages.contains(removed)) {
                removeFromDrafts(integration, removed);
            }
        }
        if (!redirectUri.equals(integration.redirectUri)) {
            // the last check was of the old URL; webhook-service checks the new one and reports it
            integration.redirectUriStatus = null;
            integration.redirectUriCheckedAt = null;
            integration.redirectUriError = null;
        }
        integration.redirectUri = redirectUri;
        integration.revokeUrl = revokeUrl;
        integration.scopes = new ArrayList<>(scopes);
        integration.languages = new ArrayList<>(languages);
        integration.updatedAt = Instant.now();
        keysService.integrationSaved(integration);
        webhookService.integrationSaved(integration);
        return integration;
    }

    @Transactional
    public Integration addLanguage(UUID id, String code) {
        Language language = Language.parse(code, "lang");
        Integration integration = change(id);
        if (!integration.languages.contains(language.code)) {
            List<String> languages = new ArrayList<>(integration.languages);
            languages.add(language.code);
            integration.languages = languages;
            integration.updatedAt = Instant.now();
        }
        return integration;
    }

    @Transactional
    public void removeLanguage(UUID id, String code) {
        Language language = Language.parse(code, "lang");
        Integration integration = change(id);
        if (!integration.languages.contains(language.code)) {
            throw ProblemException.notFound("Language " + language.code + " is not one of the integration's languages");
        }
        if (integration.languages.size() == 1) {
            throw ProblemException.conflict("An integration needs at least one language; "
                    + language.code + " is its only one");
        }
        List<String> languages = new ArrayList<>(integration.languages);
        languages.remove(language.code);
        integration.languages = languages;
        integration.updatedAt = Instant.now();
        removeFromDrafts(integration, language.code);
    }

    private static ProblemException codeTaken(String code) {
        return new ProblemException(Problem.of(ProblemType.CONFLICT, 409, "The widget code " + code + " is already used",
                List.of(new FieldError("code", "taken", "code " + code + " is already used by another integration"))));
    }

    private static String requiredText(ObjectNode patch, String field, Violations violations) {
        JsonNode value = patch.get(field);
        if (!value.isTextual()) {
            violations.add(field, "invalid_type", field + " must be a string");
            return null;
        }
        return value.asText();
    }

    /** The patched list, or null when the patch leaves it alone or gives something that is not an array. */
    private static List<String> textList(ObjectNode patch, String field, Violations violations) {
        JsonNode value = patch.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            violations.add(field, "invalid_type", field + " must be an array of strings");
            return null;
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.isTextual() ? item.asText() : null));
        return items;
    }
}
