package io.marketplace.platform.http;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which methods the service's resources accept on a path, read once from their JAX-RS annotations. Quarkus REST picks
 * the resource class by path prefix before it looks at methods, so a wrong method on a sub-resource of another class
 * ({@code DELETE …/versions/1/settings}) ends as a 404, and its 405s carry no {@code Allow}; with this table both
 * become a 405 naming what the path accepts.
 */
public final class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})+))?}");
    private static volatile List<Route> routes;

    private AllowedMethods() {
    }

    private record Route(Pattern path, Set<String> methods) {
    }

    /** What the resources accept on {@code path} (as sent, percent-encoded), HEAD and OPTIONS included; empty when no resource matches. */
    public static Set<String> on(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                allowed.addAll(route.methods());
            }
        }
        if (!allowed.isEmpty()) {
            if (allowed.contains(HttpMethod.GET)) {
                allowed.add(HttpMethod.HEAD);
            }
            allowed.add(HttpMethod.OPTIONS);
        }
        return allowed;
    }

    private static List<Route> routes() {
        List<Route> known = routes;
        if (known == null) {
            known = scan();
            routes = known;
        }
        return known;
    }

    private static List<Route> scan() {
        Map<String, Set<String>> methodsByTemplate = new LinkedHashMap<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path classPath = pathOf(type);
            if (classPath == null) {
                continue;
            }
            for (Method method : allMethods(type)) {
                String verb = verbOf(method);
                if (verb != null) {
                    Path methodPath = method.getAnnotation(Path.class);
                    String template = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                    methodsByTemplate.computeIfAbsent(template, t -> new TreeSet<>()).add(verb);
                }
            }
        }
        List<Route> scanned = new ArrayList<>();
        methodsByTemplate.forEach((template, methods) -> scanned.add(new Route(toPattern(template), methods)));
        return scanned;
    }

    private static Path pathOf(Class<?> type) {
        Path own = type.getAnnotation(Path.class);
        if (own != null) {
            return own;
        }
        for (Class<?> contract : type.getInterfaces()) {
            if (contract.isAnnotationPresent(Path.class)) {
                return contract.getAnnotation(Path.class);
            }
        }
        return null;
    }

    private static List<Method> allMethods(Class<?> type) {
        List<Method> methods = new ArrayList<>(List.of(type.getMethods()));
        for (Class<?> contract : type.getInterfaces()) {
            methods.addAll(List.of(contract.getMethods()));
        }
        return methods;
    }

    private static String verbOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String join(String classPath, String methodPath) {
        String joined = ("/" + classPath + "/" + methodPath).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** A JAX-RS template as a regex: {@code {name}} is one segment, {@code {name: regex}} its own regex. */
    static Pattern toPattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher parameter = PARAMETER.matcher(template);
        int literalStart = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(literalStart, parameter.start())));
            regex.append('(').append(parameter.group(1) == null ? "[^/]+" : parameter.group(1).trim()).append(')');
            literalStart = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(literalStart))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
