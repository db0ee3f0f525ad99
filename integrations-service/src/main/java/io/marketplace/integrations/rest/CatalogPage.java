package io.marketplace.integrations.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.marketplace.platform.paging.PageResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The document's shape of a catalog page, a {@link PageResponse} of {@link CatalogEntry}: the catalog answers bytes
 * from its cache, so the method's return type cannot tell the document what they hold.
 */
@Schema(description = "A page of published integrations")
record CatalogPage(
        @JsonProperty("_page") int page,
        @JsonProperty("_links") PageResponse.Links links,
        @Schema(description = "The page's integrations under \"integrations\"")
        @JsonProperty("_embedded") Map<String, List<CatalogEntry>> embedded) {
}
