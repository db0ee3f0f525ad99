package io.marketplace.platform.http;

import io.marketplace.platform.problem.Violations;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A query parameter that an operation of the JSON API reads may be given once: {@code ?status=failed&status=retry}
 * is a 400 naming it, where JAX-RS would take the first value and drop the other without a word. Parameters the
 * operation does not read are not looked at (they are ignored anyway), nor are the pages outside {@code /api/}
 * (OAuth, sign-in, assets), which answer in formats of their own.
 */
public class SingleQueryParameters {

    private final Map<Method, List<String>> readByOperation = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseRepeatedParameters(UriInfo uri, ResourceInfo resource) {
        if (resource.getResourceMethod() == null || !uri.getPath().startsWith("/api/")) {
            return;
        }
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (query.isEmpty()) {
            return;
        }
        Violations violations = new Violations();
        for (String name : readByOperation.computeIfAbsent(resource.getResourceMethod(), SingleQueryParameters::read)) {
            List<String> values = query.get(name);
            if (values != null && values.size() > 1) {
                violations.add(name, "duplicate_key", name + " is given more than once");
            }
        }
        violations.throwIfAny();
    }

    private static List<String> read(Method operation) {
        List<String> names = new ArrayList<>();
        for (Annotation[] annotations : operation.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam parameter) {
                    names.add(parameter.value());
                }
            }
        }
        return List.copyOf(names);
    }
}
