package io.marketplace.keys.rest;

import io.marketplace.keys.service.TokenService.TokenAnswer;
import io.marketplace.keys.service.TokenService;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
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
    @Operation(operationId = "exchangeToken",
            summary = "Exchange a code, a refresh token or a publish key for tokens (form body)")
    public Response form(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(ClientAuthentications.single(form), authorization);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exchangeTokenJson",
            summary = "The same exchange with a JSON body, as Kommo's clients send it")
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
