package io.marketplace.platform.test;

import static io.restassured.RestAssured.given;

/** Reads the service's own Prometheus scrape ({@code /q/metrics}) the way Prometheus would. */
public final class Prometheus {

    private Prometheus() {
    }

    /** The sum of the samples of {@code metric} whose labels include every {@code name, value} pair given. */
    public static double value(String metric, String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        String scrape = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return scrape.lines()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> hasLabels(line, labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Whether the scrape has any sample of {@code metric}. */
    public static boolean has(String metric) {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .anyMatch(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "));
    }

    private static boolean hasLabels(String line, String... labels) {
        String labelPart = line.contains("{") ? line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1) : "";
        for (int i = 0; i + 1 < labels.length; i += 2) {
            if (!labelPart.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
