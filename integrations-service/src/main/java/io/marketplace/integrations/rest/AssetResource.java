package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.integrations.service.AssetService;
import io.marketplace.integrations.service.AssetService.Asset;
import io.marketplace.integrations.service.archive.AssetTypes;
import io.marketplace.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A version's public files: its listing images ({@code images/{lang}/logo_main.png}, {@code logo_installed.png},
 * {@code gallery/{id}.jpg}) and the files of its widget archive, which the listing images take precedence over.
 * {@code ?version=} is a cache-buster and is ignored. The ETag is the file's SHA-256. A submitted version never
 * changes, so its files are cached for a year; a draft's may still change, so browsers revalidate them.
 */
@Path("/upl/{code}/{version}/widget/{path: .+}")
@Tag(name = "assets", description = "Versioned public assets")
@PermitAll
public class AssetResource {

    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    @Inject
    AssetService assets;

    @GET
    @Operation(operationId = "getAsset", summary = "Get a version's file",
            description = "A listing image (images/{lang}/logo_main.png, logo_installed.png, gallery/{id}.jpg) or a "
                    + "file of the widget archive. A submitted version never changes, so its files are cached for a "
                    + "year; a draft's may still change, so they revalidate. ?version= is a cache-buster and is ignored.")
    @APIResponse(responseCode = "200", description = "The file, with its own media type",
            headers = {
                    @Header(name = HttpHeaders.ETAG, description = "The file's SHA-256",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.CACHE_CONTROL, schema = @Schema(type = SchemaType.STRING),
                            description = "A year, immutable, once the version was submitted; no-cache for a draft"),
                    @Header(name = "X-Content-Type-Options", description = "nosniff",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Content-Security-Policy", schema = @Schema(type = SchemaType.STRING),
                            description = "sandbox, on HTML and SVG files, so that they run no script on this origin")},
            content = @Content(mediaType = MediaType.WILDCARD,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "Not modified since the If-None-Match ETag",
            headers = {
                    @Header(name = HttpHeaders.ETAG, description = "The file's SHA-256",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = HttpHeaders.CACHE_CONTROL, description = "As on the 200",
                            schema = @Schema(type = SchemaType.STRING))})
    public Response get(@PathParam("code") String code, @PathParam("version") int version, @PathParam("path") String path,
            @Context Request request) {
        return serve(assets.find(code, version, path).orElseThrow(() -> ProblemException.notFound("No such asset")), request);
    }

    private static Response serve(Asset asset, Request request) {
        EntityTag etag = new EntityTag(asset.sha256());
        CacheControl cache = new CacheControl();
        if (asset.status() == VersionStatus.DRAFT) {
            cache.setNoCache(true);
        } else {
            cache.setMaxAge(ONE_YEAR_SECONDS);
            cache.getCacheExtension().put("immutable", null);
        }
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        Response.ResponseBuilder answer = Response.ok(asset.bytes(), asset.contentType()).tag(etag).cacheControl(cache)
                .header("X-Content-Type-Options", "nosniff");
        if (AssetTypes.isActiveDocument(asset.contentType())) {
            answer.header("Content-Security-Policy", "sandbox");
        }
        return answer.build();
    }
}
