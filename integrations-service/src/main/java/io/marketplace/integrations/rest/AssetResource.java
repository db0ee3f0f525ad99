package io.marketplace.integrations.rest;

import io.marketplace.integrations.persistence.ListingMedium;
import io.marketplace.integrations.persistence.MediaKind;
import io.marketplace.integrations.persistence.MediaRepository;
import io.marketplace.integrations.persistence.VersionStatus;
import io.marketplace.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Listing images at their versioned public addresses ({@code ?version=} is a cache-buster and is ignored).
 * The ETag is the image's SHA-256. A submitted version never changes, so its images are cached for a year;
 * a draft's images may be replaced, so browsers revalidate them.
 */
@Path("/upl/{code}/{version}/widget/images/{lang}")
@Tag(name = "assets", description = "Versioned public assets")
@PermitAll
@Transactional
public class AssetResource {

    private static final Pattern FILE = Pattern.compile("([a-z_]+)\\.(png|jpg|jpeg)");
    private static final Pattern GALLERY_FILE = Pattern.compile("([0-9a-f-]{36})\\.(png|jpg|jpeg)");
    private static final int ONE_YEAR_SECONDS = 365 * 24 * 3600;

    @Inject
    MediaRepository media;

    @GET
    @Path("{file}")
    @Operation(summary = "The icon (logo_main.png) or the installed logo (logo_installed.png) of a version's listing")
    public Response image(@PathParam("code") String code, @PathParam("version") int version, @PathParam("lang") String lang,
            @PathParam("file") String file, @Context Request request) {
        Matcher name = FILE.matcher(file);
        Optional<MediaKind> kind = name.matches() ? kindOf(name.group(1)) : Optional.empty();
        return serve(kind.flatMap(k -> media.published(code, version, lang, k, null)), request);
    }

    @GET
    @Path("gallery/{file}")
    @Operation(summary = "One gallery image of a version's listing")
    public Response galleryImage(@PathParam("code") String code, @PathParam("version") int version,
            @PathParam("lang") String lang, @PathParam("file") String file, @Context Request request) {
        Matcher name = GALLERY_FILE.matcher(file);
        Optional<ListingMedium> image = name.matches()
                ? media.published(code, version, lang, MediaKind.GALLERY, UUID.fromString(name.group(1)))
                : Optional.empty();
        return serve(image, request);
    }

    private static Optional<MediaKind> kindOf(String assetName) {
        for (MediaKind kind : MediaKind.values()) {
            if (kind != MediaKind.GALLERY && kind.assetName.equals(assetName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static Response serve(Optional<ListingMedium> found, Request request) {
        ListingMedium medium = found.orElseThrow(() -> ProblemException.notFound("No such asset"));
        EntityTag etag = new EntityTag(medium.blob.sha256);
        CacheControl cache = new CacheControl();
        if (medium.version.status == VersionStatus.DRAFT) {
            cache.setNoCache(true);
        } else {
            cache.setMaxAge(ONE_YEAR_SECONDS);
            cache.getCacheExtension().put("immutable", null);
        }
        cache.setPrivate(false);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        return Response.ok(medium.blob.bytes, medium.blob.contentType).tag(etag).cacheControl(cache).build();
    }
}
