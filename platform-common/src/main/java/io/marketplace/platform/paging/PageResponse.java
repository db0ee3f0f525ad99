package io.marketplace.platform.paging;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a collection: {@code {"_page": n, "_links": {"self", "next"}, "_embedded": {"<items>": [...]}}}. */
public record PageResponse<T>(
        @JsonProperty("_page") int page,
        @JsonProperty("_links") Links links,
        @JsonProperty("_embedded") Map<String, List<T>> embedded) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(requiredProperties = "self", description = "next is left out on the last page")
    public record Links(Link self, Link next) {
    }

    public record Link(String href) {
    }

    /**
     * @param fetched up to {@code limit + 1} items: the extra one only tells that a next page exists
     */
    public static <T> PageResponse<T> of(String itemsName, PageRequest request, List<T> fetched, CollectionLink link) {
        boolean hasNext = fetched.size() > request.limit();
        List<T> items = hasNext ? fetched.subList(0, request.limit()) : fetched;
        Link self = new Link(link.page(request));
        Link next = hasNext ? new Link(link.page(request.page() + 1, request.limit())) : null;
        return new PageResponse<>(request.page(), new Links(self, next), Map.of(itemsName, items));
    }
}
