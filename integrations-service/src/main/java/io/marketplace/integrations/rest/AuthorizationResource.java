package io.marketplace.integrations.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketplace.integrations.persistence.MediaKind;
import io.marketplace.integrations.service.authorization.AuthorizationRefused;
import io.marketplace.integrations.service.authorization.AuthorizationRequest;
import io.marketplace.integrations.service.authorization.DevelopmentSignIn;
import io.marketplace.integrations.service.authorization.SignedInUser;
import io.marketplace.integrations.service.authorization.SiteAuthorization;
import io.marketplace.integrations.service.authorization.SiteAuthorization.Consent;
import io.marketplace.integrations.service.authorization.SiteAuthorization.Granted;
import io.marketplace.integrations.service.authorization.SiteAuthorization.Ticket;
import io.marketplace.platform.domain.Language;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The authorization page, Kommo's "button on the site": {@code GET /oauth} (RFC 6749 §4.1's authorization endpoint),
 * the consent form's answer, and the development sign-in page. Browser pages, not the JSON API: they are left out of
 * the OpenAPI document, answer HTML, and may not be framed.
 */
@Path("/oauth")
@PermitAll
public class AuthorizationResource {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BUTTON_CACHING = "public, max-age=86400, stale-while-revalidate=604800";
    private static final Script BUTTON = Script.load("oauth/button.js");
    private static final Map<String, Map<String, String>> TEXTS = new ConcurrentHashMap<>();

    @Inject
    SiteAuthorization authorization;

    @Inject
    BrowserSignIn signIn;

    @Inject
    DevelopmentSignIn developmentSignIn;

    @Inject
    ObjectMapper json;

    @Inject
    Template consent;

    @Inject
    Template authorizationError;

    @Inject
    Template authorizationAnswer;

    @Inject
    Template developmentSignInPage;

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response authorize(@Context UriInfo uri, @QueryParam("locale") String locale) {
        try {
            AuthorizationRequest request = authorization.check(uri.getQueryParameters(), locale);
            Optional<SignedInUser> user = signIn.current();
            if (user.isEmpty()) {
                return signInFirst(uri, request.language());
            }
            return consentPage(authorization.consent(request, user.get()), user.get());
        } catch (AuthorizationRefused refused) {
            return refusal(refused, Language.of(locale).map(language -> language.code).orElse(Language.EN.code));
        }
    }

    @POST
    @Path("consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response decide(@FormParam("ticket") String signedTicket, @FormParam("decision") String decision,
            @FormParam("account_id") String accountId) {
        String language = Language.EN.code;
        try {
            SignedInUser user = signIn.current().orElseThrow(() -> AuthorizationRefused.shown(401, "login_required",
                    "Your sign-in has ended: start again from the developer's site"));
            Ticket ticket = authorization.ticket(signedTicket, user).orElseThrow(() -> AuthorizationRefused.shown(403,
                    "invalid_ticket", "This form has expired or was not made for you: start again from the developer's site"));
            AuthorizationRequest request = ticket.request();
            language = request.language();
            if ("deny".equals(decision)) {
                return answer(request, answerParameters("error", "access_denied", "state", request.state()));
            }
            if (!"allow".equals(decision)) {
                throw AuthorizationRefused.shown("invalid_request", "decision must be allow or deny");
            }
            long account = parseAccount(accountId);
            Granted granted = authorization.allow(ticket, user, account);
            return answer(request, answerParameters("code", granted.code(), "referer", granted.referer(),
                    "state", request.state()));
        } catch (AuthorizationRefused refused) {
            return refusal(refused, language);
        }
    }

    /**
     * The install button for developers' sites. Cached for a day and then revalidated (its ETag is its content's
     * hash), so a fix reaches every site within a day.
     */
    @GET
    @Path("button.js")
    @Produces("text/javascript")
    @Operation(hidden = true)
    public Response button(@HeaderParam("If-None-Match") String ifNoneMatch) {
        if (BUTTON.etag().equals(ifNoneMatch)) {
            return Response.notModified(BUTTON.etag()).header("Cache-Control", BUTTON_CACHING).build();
        }
        return Response.ok(BUTTON.content()).type("text/javascript; charset=utf-8").header("ETag", BUTTON.etag())
                .header("Cache-Control", BUTTON_CACHING).header("Access-Control-Allow-Origin", "*")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    @GET
    @Path("dev-sign-in")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response developmentSignInPage(@QueryParam("return") String returnTo, @QueryParam("locale") String locale) {
        String language = Language.of(locale).map(l -> l.code).orElse(Language.EN.code);
        if (signIn.method() != BrowserSignIn.Method.DEVELOPMENT) {
            return refusal(AuthorizationRefused.shown(404, "not_found",
                    "There is no development sign-in: users sign in at the identity provider"), language);
        }
        return developmentPage(200, language, safeReturn(returnTo), "", "", null);
    }

    @POST
    @Path("dev-sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public Response developmentSignIn(@FormParam("name") String name, @FormParam("accounts") String accounts,
            @FormParam("return") String returnTo) {
        if (signIn.method() != BrowserSignIn.Method.DEVELOPMENT) {
            return refusal(AuthorizationRefused.shown(404, "not_found",
                    "There is no development sign-in: users sign in at the identity provider"), Language.EN.code);
        }
        String target = safeReturn(returnTo);
        List<Long> ids = accountIds(accounts);
        if (name == null || name.isBlank() || name.length() > 100 || ids == null) {
            return developmentPage(400, Language.EN.code, target, name, accounts,
                    "A user name (up to 100 characters) and at least one account id (positive numbers) are required");
        }
        NewCookie session = new NewCookie.Builder(BrowserSignIn.DEVELOPMENT_COOKIE)
                .value(developmentSignIn.session(name.trim(), ids)).path("/oauth").httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX).maxAge((int) DevelopmentSignIn.SESSION_LIFETIME.toSeconds()).build();
        return Response.seeOther(URI.create(target)).cookie(session).header("Cache-Control", "no-store").build();
    }

    private Response signInFirst(UriInfo uri, String language) {
        return switch (signIn.method()) {
            // not reached while the HTTP permission sends anonymous users to the identity provider's login
            case IDENTITY_PROVIDER -> refusal(AuthorizationRefused.shown(401, "login_required", "Sign in first"), language);
            case DEVELOPMENT -> Response.seeOther(URI.create("/oauth/dev-sign-in?locale=" + language + "&return="
                    + encode(uri.getRequestUri().getRawPath() + "?" + uri.getRequestUri().getRawQuery())))
                    .header("Cache-Control", "no-store").build();
            case NONE -> refusal(AuthorizationRefused.shown(503, "temporarily_unavailable",
                    "Signing in is not configured on this platform"), language);
        };
    }

    private Response consentPage(Consent consent, SignedInUser user) {
        String language = consent.request().language();
        Map<String, String> t = texts(language);
        var entry = consent.shown().entry();
        String nonce = nonce();
        TemplateInstance page = this.consent.data("lang", language).data("nonce", nonce).data("t", t)
                .data("name", entry.name()).data("shortDescription", entry.shortDescription())
                .data("iconUrl", CatalogEntry.url(entry, consent.shown().images(), MediaKind.ICON))
                .data("developer", consent.developer()).data("privacyPolicyUrl", entry.privacyPolicyUrl())
                .data("scopes", consent.scopes().stream().map(scope -> t.getOrDefault("scope_" + scope, scope)).toList())
                .data("testing", entry.testing()).data("accounts", consent.accounts())
                .data("ticket", consent.ticket()).data("user", user.name());
        return html(200, page.render(), nonce, origin(consent.request().redirectUri()));
    }

    /** The answer for the developer's site: a redirect, or a page that posts it to the opener and closes. */
    private Response answer(AuthorizationRequest request, Map<String, String> parameters) {
        String target = request.redirectUri() + (request.redirectUri().contains("?") ? "&" : "?")
                + parameters.entrySet().stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
                .collect(Collectors.joining("&"));
        if (!request.mode().toOpener()) {
            return Response.seeOther(URI.create(target)).header("Cache-Control", "no-store").build();
        }
        String nonce = nonce();
        String message;
        try {
            message = json.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String page = authorizationAnswer.data("lang", request.language()).data("nonce", nonce)
                .data("t", texts(request.language())).data("targetOrigin", origin(request.redirectUri()))
                .data("message", message).data("fallback", target).render();
        return html(200, page, nonce, origin(request.redirectUri()));
    }

    private Response refusal(AuthorizationRefused refused, String language) {
        if (refused.redirectable()) {
            return answer(refused.replyTo, answerParameters("error", refused.error, "error_description", refused.getMessage(),
                    "state", refused.replyTo.state()));
        }
        String nonce = nonce();
        String page = authorizationError.data("lang", language).data("nonce", nonce).data("t", texts(language))
                .data("error", refused.error).data("description", refused.getMessage()).render();
        return html(refused.status, page, nonce, null);
    }

    private Response developmentPage(int status, String language, String returnTo, String name, String accounts,
            String problem) {
        String nonce = nonce();
        String page = developmentSignInPage.data("lang", language).data("nonce", nonce).data("t", texts(language))
                .data("returnTo", returnTo).data("name", name == null ? "" : name)
                .data("accounts", accounts == null ? "" : accounts).data("problem", problem).render();
        return html(status, page, nonce, null);
    }

    /**
     * Every page: no framing (clickjacking), no script or style but its own (by nonce), forms only to this page and
     * the developer's site (Allow answers with a redirect there), not cached, no referrer leaking the state.
     */
    private static Response html(int status, String page, String nonce, String formTarget) {
        String csp = "default-src 'none'; img-src 'self' data:; style-src 'nonce-" + nonce + "'; script-src 'nonce-" + nonce
                + "'; form-action 'self'" + (formTarget == null ? "" : " " + formTarget)
                + "; frame-ancestors 'none'; base-uri 'none'";
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page)
                .header("Content-Security-Policy", csp).header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static Map<String, String> answerParameters(String... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                parameters.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return parameters;
    }

    static Map<String, String> texts(String language) {
        return TEXTS.computeIfAbsent(language, code -> {
            ResourceBundle bundle = ResourceBundle.getBundle("i18n.authorization", Locale.forLanguageTag(code),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return bundle.keySet().stream().collect(Collectors.toUnmodifiableMap(key -> key, bundle::getString));
        });
    }

    /** The scheme, host and port of a URL: where the developer's site may receive the answer. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long parseAccount(String accountId) {
        try {
            return Long.parseLong(accountId == null ? "" : accountId.trim());
        } catch (NumberFormatException e) {
            throw AuthorizationRefused.shown("invalid_request", "account_id must be an account id");
        }
    }

    /** Positive account ids from a comma-separated list; null when there are none or one is not a positive number. */
    private static List<Long> accountIds(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            List<Long> ids = Arrays.stream(text.split(",")).map(String::trim).filter(id -> !id.isEmpty())
                    .map(Long::parseLong).distinct().toList();
            return ids.isEmpty() || ids.stream().anyMatch(id -> id <= 0) ? null : ids;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Only back to the authorization page itself: the return address is no open redirect. */
    private static String safeReturn(String returnTo) {
        return returnTo != null && returnTo.startsWith("/oauth?") && !returnTo.contains("\\") ? returnTo : "/oauth";
    }

    private record Script(byte[] content, String etag) {
        static Script load(String resource) {
            try (InputStream in = AuthorizationResource.class.getClassLoader().getResourceAsStream(resource)) {
                byte[] content = in.readAllBytes();
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
                return new Script(content, "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"");
            } catch (IOException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("Cannot read " + resource, e);
            }
        }
    }

    private static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
