package io.marketplace.integrations.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.marketplace.integrations.client.KeysServiceEvents;
import io.marketplace.integrations.client.StatsServiceEvents;
import io.marketplace.integrations.client.WebhookServiceEvents;
import io.marketplace.integrations.persistence.CatalogRepository;
import io.marketplace.integrations.persistence.CatalogRepository.Entry;
import io.marketplace.integrations.persistence.InstallableIntegration;
import io.marketplace.integrations.persistence.InstallationRepository;
import io.marketplace.integrations.persistence.InstallationRepository.Activation;
import io.marketplace.integrations.persistence.InstallationRepository.Ended;
import io.marketplace.integrations.persistence.InstallationRepository.Installation;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.platform.concurrent.AfterCommit;
import io.marketplace.platform.domain.Language;
import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.security.Caller;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Installing and disabling integrations in the caller's account. This service alone decides whether an integration is
 * installed in an account: each install starts a new installation generation and a disable ends it. One transaction
 * writes the installation and the outbox rows for the other services, each naming the generation: webhook-service
 * sends the code (or the access-revoked notice), stats-service counts, keys-service ends the generation's codes and
 * tokens on disable. Installing twice is one installation.
 */
@ApplicationScoped
public class InstallationService {

    @Inject
    InstallationRepository installations;

    @Inject
    CatalogRepository catalog;

    @Inject
    Caller caller;

    @Inject
    WebhookServiceEvents webhookService;

    @Inject
    StatsServiceEvents statsService;

    @Inject
    KeysServiceEvents keysService;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    MeterRegistry registry;

    /** An installation and the installed description rendered for this account; {@code created} false on a repeat. */
    public record Installed(UUID integrationId, String code, long accountId, String language, Instant installedAt,
            @Schema(nullable = true) String installedDescription, @JsonIgnore boolean created, @JsonIgnore long generation,
            @JsonIgnore String referer) {
    }

    /** Who installs: the account, the user, and the referer the developer is told. */
    private record Installer(long accountId, String userId, String referer) {
    }

    @Transactional
    public Installed install(UUID integrationId, String languageCode) {
        String language = Language.parse(languageCode, "language").code;
        long account = caller.accountId();
        Entry shown = visible(integrationId, language, caller.isTechnicalAccount() ? account : 0);
        if (!shown.hasWidget()) {
            throw ProblemException.conflict(shown.name() + " has no widget and is installed from its developer's site"
                    + (shown.installUrl() == null ? "" : ", " + shown.installUrl()) + ", not from the marketplace");
        }
        return install(shown, language, new Installer(account, caller.userId(), referer(account)), true);
    }

    /**
     * Allow on the authorization page: the same installation, statistics and keys effects as a marketplace install,
     * by a user who signed in there for {@code account} (an account they administer). The code goes back through the
     * browser, so none is sent to the redirect URL.
     */
    @Transactional
    public Installed installFromSite(UUID integrationId, long account, String userId, String language) {
        Entry shown = visible(integrationId, language, account);
        return install(shown, language, new Installer(account, userId, "account" + account), false);
    }

    private Installed install(Entry shown, String language, Installer who, boolean sendCode) {
        UUID integrationId = shown.id();
        long account = who.accountId();
        Instant now = Instant.now();
        Activation activation = installations.activate(integrationId, account, language, who.referer(), who.userId(), now)
                .orElseThrow(() -> notInTheMarketplace(integrationId)); // deleted since
        InstallableIntegration integration = activation.integration();
        OptionalLong generation = activation.generation();
        if (generation.isEmpty()) {
            // installed already, by an earlier request or a concurrent one, which sent the effects
            return installed(shown, installations.find(integrationId, account).orElseThrow(), false, who);
        }
        if (sendCode) {
            webhookService.sendCode(integration, account, generation.getAsLong(), who.referer());
        }
        statsService.installed(integration, account, generation.getAsLong(), language);
        if (account == integration.ownerAccountId()) {
            // other installs reach keys-service with their first code request; the owner may ask for one in the Keys view
            keysService.installationEnabled(integration, account, generation.getAsLong(), language);
        }
        countAfterCommit("install");
        return installed(shown, new Installation(integrationId, account, language, true, generation.getAsLong(), now), true,
                who);
    }

    /**
     * Disables the installation in the caller's account. It answers once keys-service has ended the installation, so
     * that no code or token of it works from then on; when keys-service cannot be reached, the revocation stays in
     * the outbox and lands as soon as keys-service is back.
     */
    @Transactional
    public void disable(UUID integrationId) {
        long account = caller.accountId();
        Ended ended = installations.disable(integrationId, account, Instant.now()).orElseThrow(
                () -> ProblemException.notFound("Integration " + integrationId + " is not installed in this account"));
        ended(ended.integration(), account, ended.generation(), ended.language());
    }

    /**
     * Ends the installations of an integration that is being deleted (only its owner's test installs can exist: it was
     * never published). The active ones end as a disable would, so their codes and tokens stop working and the
     * developer's revoke URL hears of it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void removeAll(Integration integration) {
        installations.removeAll(integration.id).stream().filter(Installation::active)
                .forEach(installation -> ended(InstallableIntegration.of(integration), installation.accountId(),
                        installation.generation(), installation.language()));
    }

    /** Queues the effects of an installation's end. */
    private void ended(InstallableIntegration integration, long account, long generation, String language) {
        keysService.installationDisabled(integration, account, generation, language);
        webhookService.sendAccessRevoked(integration, account, generation);
        statsService.uninstalled(integration, account, generation, language);
        countAfterCommit("disable");
    }

    /** {@code marketplace_installations_total{action}}: installations made and disabled. */
    private void countAfterCommit(String action) {
        AfterCommit.run(transactions, () -> registry.counter("marketplace.installations", "action", action).increment());
    }

    /** The account's "Installed" section, newest first, each in the language it was installed in. */
    @Transactional
    public List<Installed> installed() {
        long account = caller.accountId();
        return installations.active(account).stream()
                .flatMap(installation -> catalog.one(installation.integrationId(), installation.language(), account).stream()
                        .findFirst().map(entry -> installed(entry, installation, false,
                                new Installer(account, caller.userId(), referer(account)))).stream())
                .toList();
    }

    /** Published, or the tester account's own integration; anything else is as good as absent. */
    private Entry visible(UUID integrationId, String language, long tester) {
        return catalog.one(integrationId, language, tester).stream().findFirst()
                .orElseThrow(() -> notInTheMarketplace(integrationId));
    }

    private static ProblemException notInTheMarketplace(UUID integrationId) {
        return ProblemException.notFound("No integration " + integrationId + " in the marketplace");
    }

    private String referer(long account) {
        String subdomain = caller.accountSubdomain();
        return subdomain == null || subdomain.isBlank() ? "account" + account : subdomain;
    }

    private static Installed installed(Entry entry, Installation installation, boolean created, Installer who) {
        String description = entry.installedDescription() == null ? null : InstalledDescriptionTags.render(
                entry.installedDescription(), new InstalledDescriptionTags.Values(installation.accountId(),
                        who.referer(), who.userId(), entry.id().toString(), entry.code()));
        return new Installed(entry.id(), entry.code(), installation.accountId(), installation.language(),
                installation.installedAt(), description, created, installation.generation(), who.referer());
    }
}
