package io.marketplace.platform.paging;

import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a collection's pages are: its path and the filters a page was asked with, as its {@code self} and {@code next}
 * links repeat them. Only the parameters the collection reads go in, each once and as it understood them, so a link
 * never carries what a caller added, and one page has one address.
 */
public final class CollectionLink {

    private final StringBuilder filters = new StringBuilder();
    private final String path;

    private CollectionLink(String path) {
        this.path = path;
    }

    public static CollectionLink of(UriInfo uri) {
        return new CollectionLink(uri.getAbsolutePath().toString());
    }

    /** Adds a filter; one the request left out ({@code null}) stays out. */
    public CollectionLink with(String name, Object value) {
        if (value != null) {
            filters.append(encode(name)).append('=').append(encode(value.toString())).append('&');
        }
        return this;
    }

    public String page(int page, int limit) {
        return path + '?' + filters + "page=" + page + "&limit=" + limit;
    }

    public String page(PageRequest request) {
        return page(request.page(), request.limit());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
