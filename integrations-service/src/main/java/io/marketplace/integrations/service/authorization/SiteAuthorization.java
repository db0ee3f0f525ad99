package io.marketplace.integrations.service.authorization;

import io.marketplace.integrations.client.KeysServiceCodes;
import io.marketplace.integrations.config.SignInConfig;
import io.marketplace.integrations.persistence.CatalogRepository;
import io.marketplace.integrations.persistence.CatalogRepository.Entry;
import io.marketplace.integrations.persistence.Integration;
import io.marketplace.integrations.persistence.IntegrationRepository;
import io.marketplace.integrations.service.InstallationService;
import io.marketplace.integrations.service.InstallationService.Installed;
import io.marketplace.integrations.service.Marketplace.Shown;
import io.marketplace.integrations.service.authorization.AuthorizationRequest.Mode;
import io.marketplace.platform.domain.Language;
import io.marketplace.platform.http.TokenBuckets;
import io.marketplace.platform.keys.IssuedCode;
import io.marketplace.platform.neighbours.Neighbours;
import io.marketplace.platform.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Kommo's "button on the site": the authorization page that installs an integration from its developer's site. It
 * checks the request (RFC 6749 §4.1.1 with PKCE), shows what the user is asked to allow, and on Allow installs the
 * integration in the account the user chose, with the effects of a marketplace install, and hands back a code bound to
 * the request's PKCE challenge.
 */
@ApplicationScoped
public class SiteAuthorization {

    public static final int MAX_STATE_LENGTH = 1024;
    private static final Pattern PKCE_CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    private static final String TICKET = "consent-ticket";

    @Inject
    IntegrationRepository integrations;

    @Inject
    CatalogRepository catalog;

    @Inject
    InstallationService installations;

    @Inject
    KeysServiceCodes codes;

    @Inject
    SignedValues signedValues;

    @Inject
    SignInConfig config;

    private TokenBuckets perClient;
    private TokenBuckets perUser;

    @PostConstruct
    void createLimits() {
        perClient = new TokenBuckets(config.perClientPerSecond(), config.perClientBurst());
        perUser = new TokenBuckets(config.perUserPerSecond(), config.perUserBurst());
    }

    /**
     * The consent form's hidden field: the checked request and who saw it, signed. It is the form's CSRF token too: a
     * ticket made for another user, or altered, or older than its lifetime, is refused.
     */
    public record Ticket(AuthorizationRequest request, String subject, long expiresAt) implements SignedValues.Expiring {
    }

    /** What the consent page shows. {@code accounts}: the ones the user may choose (may be none). */
    public record Consent(AuthorizationRequest request, Shown shown, String developer, List<String> scopes,
            List<Long> accounts, String ticket) {
    }

    /** Allow's answer for the developer's site. */
    public record Granted(String code, String referer) {
    }

    /**
     * The request, checked in the order RFC 6749 asks: the client and its redirect URI first (a failure there is shown,
     * never redirected), then the rest (a failure goes back to the site with {@code error} and {@code state}).
     */
    @Transactional
    public AuthorizationRequest check(Map<String, List<String>> params, String locale) {
        String clientId = single(params, "client_id");
        if (clientId == null || clientId.isBlank()) {
            throw AuthorizationRefused.shown("invalid_request", "client_id is required");
        }
        Integration integration = uuid(clientId).map(integrations::findById)
                .orElseThrow(() -> AuthorizationRefused.shown("unknown_client", "No integration has client_id " + clientId));
        String redirectUri = single(params, "redirect_uri");
        if (redirectUri != null && !redirectUri.equals(integration.redirectUri)) {
            throw AuthorizationRefused.shown("redirect_uri_mismatch",
                    "redirect_uri is not the redirect URI registered for this integration");
        }
        String language = pageLanguage(locale, integration);
        String stateParam = singleOrNull(params, "state");
        String state = stateParam == null || stateParam.length() > MAX_STATE_LENGTH ? null : stateParam;
        Mode mode = mode(singleOrNull(params, "mode"));
        AuthorizationRequest reply = new AuthorizationRequest(integration.id, integration.redirectUri, state,
                mode == null ? Mode.REDIRECT : mode, null, language);
        for (String name : List.of("client_id", "redirect_uri", "state", "mode", "response_type", "scope", "code_challenge",
                "code_challenge_method")) {
            if (params.getOrDefault(name, List.of()).size() > 1) {
                throw AuthorizationRefused.replied(reply, "invalid_request", name + " is given more than once");
            }
        }
        if (stateParam == null || stateParam.isEmpty()) {
            throw AuthorizationRefused.replied(reply, "invalid_request", "state is required");
        }
        if (state == null) {
            throw AuthorizationRefused.replied(reply, "invalid_request", "state is longer than " + MAX_STATE_LENGTH);
        }
        if (mode == null) {
            throw AuthorizationRefused.replied(reply, "invalid_request", "mode must be popup or post_message");
        }
        String responseType = singleOrNull(params, "response_type");
        if (responseType != null && !responseType.equals("code")) {
            throw AuthorizationRefused.replied(reply, "unsupported_response_type", "Only response_type=code is supported");
        }
        String scope = singleOrNull(params, "scope");
        if (scope != null) {
            List<String> unknown = Arrays.stream(scope.trim().split(" +")).filter(s -> !s.isEmpty())
                    .filter(s -> !integration.scopes.contains(s)).toList();
            if (!unknown.isEmpty()) {
                throw AuthorizationRefused.replied(reply, "invalid_scope",
                        "The integration does not ask for " + String.join(", ", unknown));
            }
        }
        String challenge = singleOrNull(params, "code_challenge");
        String method = singleOrNull(params, "code_challenge_method");
        if (challenge == null && method != null) {
            throw AuthorizationRefused.replied(reply, "invalid_request", "code_challenge_method without code_challenge");
        }
        if (challenge != null && !"S256".equals(method)) {
            throw AuthorizationRefused.replied(reply, "invalid_request", "code_challenge_method must be S256");
        }
        if (challenge != null && !PKCE_CHALLENGE.matcher(challenge).matches()) {
            throw AuthorizationRefused.replied(reply, "invalid_request",
                    "code_challenge must be 43 to 128 characters of base64url (RFC 7636)");
        }
        return new AuthorizationRequest(integration.id, integration.redirectUri, state, reply.mode(), challenge, language);
    }

    /**
     * The page for a signed-in user: the integration as the marketplace shows it (or, unpublished, to its owner only:
     * then the owner's account is the one choice), the scopes, and the accounts the user may install it in.
     */
    @Transactional
    public Consent consent(AuthorizationRequest request, SignedInUser user) {
        limit(request.clientId(), user);
        AuthorizationRefused unpublished = AuthorizationRefused.replied(request, "unauthorized_client",
                "The integration is not published in the marketplace");
        Integration integration = Optional.ofNullable(integrations.snapshot(request.clientId()))
                .orElseThrow(() -> unpublished); // deleted since the request was checked
        List<Long> accounts = user.adminAccounts();
        Optional<Entry> published = catalog.one(request.clientId(), request.language(), 0).stream().findFirst();
        Entry entry;
        if (published.isPresent()) {
            entry = published.get();
        } else if (user.administers(integration.ownerAccountId)) {
            entry = catalog.one(request.clientId(), request.language(), integration.ownerAccountId).stream().findFirst()
                    .orElseThrow(() -> unpublished);
            accounts = List.of(integration.ownerAccountId);
        } else {
            throw unpublished;
        }
        Shown shown = new Shown(entry, catalog.images(List.of(entry)).getOrDefault(entry.versionId(), List.of()));
        String ticket = signedValues.sign(TICKET, new Ticket(request, user.subject(),
                Instant.now().plus(config.ticketLifetime()).getEpochSecond()));
        return new Consent(request, shown, integrations.ownerCompany(entry.versionId()), List.copyOf(integration.scopes),
                accounts, ticket);
    }

    /** The ticket of a consent form, if it is genuine, current, and was made for this user. */
    public Optional<Ticket> ticket(String signed, SignedInUser user) {
        return signedValues.verify(TICKET, signed, Ticket.class).filter(ticket -> ticket.subject().equals(user.subject()));
    }

    /**
     * Allow: installs in {@code account} (only an admin of it may) and issues a code for that installation, bound to
     * the request's PKCE challenge. Installing again is the same installation with a new code.
     */
    public Granted allow(Ticket ticket, SignedInUser user, long account) {
        AuthorizationRequest request = ticket.request();
        limit(request.clientId(), user);
        if (!user.administers(account)) {
            throw AuthorizationRefused.shown(403, "not_an_admin", "Only an admin of account " + account
                    + " can install integrations in it");
        }
        Installed installed;
        try {
            installed = installations.installFromSite(request.clientId(), account, user.subject(), request.language());
        } catch (ProblemException e) {
            throw AuthorizationRefused.replied(request, "unauthorized_client", e.getMessage());
        }
        try {
            IssuedCode code = codes.issue(request.clientId(), account, installed.generation(), request.codeChallenge());
            return new Granted(code.code(), installed.referer());
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 410) {
                throw AuthorizationRefused.replied(request, "access_denied",
                        "The installation was disabled while it was being allowed");
            }
            throw unavailable();
        } catch (RuntimeException e) {
            if (Neighbours.unreachable(e)) {
                throw unavailable();
            }
            throw e;
        }
    }

    private static AuthorizationRefused unavailable() {
        // the installation is made; allowing again reuses it and asks for a code once more
        return AuthorizationRefused.shown(503, "temporarily_unavailable",
                "The integration is installed, but no code could be issued just now: allow again in a moment");
    }

    private void limit(UUID clientId, SignedInUser user) {
        OptionalLong wait = perClient.take(clientId.toString());
        if (wait.isEmpty()) {
            wait = perUser.take(user.subject());
        }
        if (wait.isPresent()) {
            throw AuthorizationRefused.shown(429, "rate_limited",
                    "Too many requests: try again in " + wait.getAsLong() + " s");
        }
    }

    /** {@code ?locale=} when it is a page language, else the integration's first language, else English. */
    private static String pageLanguage(String locale, Integration integration) {
        return Language.of(locale).or(() -> integration.languages.stream().map(Language::of).flatMap(Optional::stream)
                .findFirst()).map(language -> language.code).orElse(Language.EN.code);
    }

    /** No {@code mode}: a redirect; null for a mode the page does not know. */
    private static Mode mode(String mode) {
        if (mode == null) {
            return Mode.REDIRECT;
        }
        return switch (mode) {
            case "popup" -> Mode.POPUP;
            case "post_message" -> Mode.POST_MESSAGE;
            default -> null;
        };
    }

    /** The client's own parameters: given twice, nobody can tell which was meant, so the page says so. */
    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw AuthorizationRefused.shown("invalid_request", name + " is given more than once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    private static String singleOrNull(Map<String, List<String>> params, String name) {
        List<String> values = params.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
