package io.marketplace.stats.service;

import io.marketplace.platform.domain.Language;
import io.marketplace.platform.problem.Violations;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The parameters of a statistics request, every one checked before anything is read. */
public record StatsQuery(String language, LocalDate from, LocalDate to, Interval interval, ZoneId zone) {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_YEARS = 5;

    public enum Interval {
        DAY, WEEK, MONTH;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static StatsQuery parse(String lang, String from, String to, String interval, String tz) {
        Violations violations = new Violations();
        String language = null;
        if (lang != null && !lang.isEmpty()) {
            if (Language.of(lang).isEmpty()) {
                violations.add("lang", "unknown_value", "lang must be one of " + Language.allCodes());
            } else {
                language = lang;
            }
        }
        ZoneId zone = ZoneOffset.UTC;
        if (tz != null && !tz.isEmpty()) {
            try {
                zone = ZoneId.of(tz);
            } catch (DateTimeException e) {
                violations.add("tz", "unknown_value", "tz must be a time zone such as Europe/Madrid or UTC");
            }
        }
        Interval parsedInterval = Interval.DAY;
        if (interval != null && !interval.isEmpty()) {
            try {
                parsedInterval = Interval.valueOf(interval.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violations.add("interval", "unknown_value", "interval must be day, week or month");
            }
        }
        LocalDate today = LocalDate.now(zone);
        LocalDate end = date("to", to, today, violations);
        LocalDate start = date("from", from, end.minusDays(DEFAULT_DAYS - 1L), violations);
        if (start.isAfter(end)) {
            violations.add("from", "after_to", "from must not be after to");
        } else if (start.isBefore(end.minusYears(MAX_YEARS))) {
            violations.add("from", "range_too_long", "The range may cover at most " + MAX_YEARS + " years");
        }
        violations.throwIfAny();
        return new StatsQuery(language, start, end, parsedInterval, zone);
    }

    private static LocalDate date(String field, String text, LocalDate fallback, Violations violations) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(field, "invalid_date", field + " must be a date written as yyyy-mm-dd");
            return fallback;
        }
    }
}
