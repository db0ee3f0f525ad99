package io.marketplace.keys.rest;

import io.marketplace.keys.service.TokenService;
import io.marketplace.keys.service.TokenService.TokenAnswer;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Kommo's token endpoint: RFC 6749 form bodies and, as Kommo accepts them, JSON bodies. */
@Path("/oauth2/access_token")
@Tag(name = "oauth2")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    @Inject
    TokenService tokens;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(operationId = "exchangeToken", summary = "Get tokens",
            description = "Exchanges an authorization code, a refresh token (rotated) or a publish key "
                    + "(client_credentials) for tokens. The body is a form (RFC 6749) or, as Kommo's clients send "
                    + "it, JSON with the same fields.")
    // Only the form is documented: a generator offered both sends JSON with the fields it put in a form.
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            schema = @Schema(implementation = OAuthSchemas.TokenRequest.class)))
    @APIResponse(responseCode = "200", description = "The tokens",
            headers = {@Header(name = HttpHeaders.CACHE_CONTROL, description = "no-store",
                    schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Pragma", description = "no-cache", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TokenAnswer.class)))
    @APIResponse(responseCode = "401", description = "invalid_client: the client did not authenticate",
            headers = @Header(name = HttpHeaders.WWW_AUTHENTICATE,
                    description = "Basic, when the client tried HTTP Basic",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "429", description = "rate_limited: too many token requests for this client",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "Seconds to wait",
                    schema = @Schema(type = SchemaType.STRING)))
    @SecurityRequirementsSet(@SecurityRequirement(name = ClientAuthentications.BASIC_SCHEME))
    @SecurityRequirementsSet({})
    public Response form(String form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(ClientAuthentications.single(form), authorization);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    // the same operation with the same fields; the form's description says that JSON is accepted too
    @Operation(hidden = true)
    public Response json(Map<String, Object> body, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Map<String, String> params = new HashMap<>();
        if (body != null) {
            body.forEach((name, value) -> params.put(name, value == null ? null : value.toString()));
        }
        return answer(params, authorization);
    }

    private Response answer(Map<String, String> params, String authorization) {
        TokenAnswer answer = tokens.token(params, ClientAuthentications.of(params, authorization));
        return Response.ok(answer).header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }
}
