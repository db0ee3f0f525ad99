package io.marketplace.stats.service;

import io.marketplace.platform.problem.ProblemException;
import io.marketplace.platform.security.Caller;
import io.marketplace.stats.persistence.InstallEventRepository.Owner;
import io.marketplace.stats.persistence.StatsRepository;
import io.marketplace.stats.persistence.StatsRepository.DayTotals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An integration's install statistics for its owner's admins: a series with every period present, and the metrics. */
@ApplicationScoped
public class StatsService {

    @Inject
    StatsRepository reader;

    @Inject
    Caller caller;

    public record Period(LocalDate period, long installs, long uninstalls) {
    }

    public record Metrics(long installs, long uninstalls, long net, long activeInstallations, long distinctAccounts) {
    }

    public record Stats(UUID integrationId, String widgetCode, List<String> languages,
            @Schema(nullable = true, description = "The language asked for; null for all") String language, LocalDate from,
            LocalDate to, @Schema(enumeration = {"day", "week", "month"}) String interval, String tz, List<Period> series, Metrics metrics) {
    }

    @Transactional
    public Stats stats(UUID integrationId, StatsQuery query) {
        caller.requireTechnicalAccount();
        Owner owner = reader.owner(integrationId).filter(o -> o.ownerAccountId() == caller.accountId())
                .orElseThrow(() -> ProblemException.notFound("No statistics for integration " + integrationId + " in this account"));
        Map<LocalDate, DayTotals> days = reader.days(integrationId, query.language(), query.from(), query.to());
        List<Period> series = series(days, query);
        long installs = series.stream().mapToLong(Period::installs).sum();
        long uninstalls = series.stream().mapToLong(Period::uninstalls).sum();
        Metrics metrics = new Metrics(installs, uninstalls, installs - uninstalls,
                reader.activeAt(integrationId, query.language(), query.to()),
                reader.distinctAccounts(integrationId, query.language(), query.from(), query.to()));
        return new Stats(integrationId, owner.widgetCode(), reader.languages(integrationId), query.language(), query.from(),
                query.to(), query.interval().code(), query.zone().getId(), series, metrics);
    }

    /** Every period that overlaps the range, zeros included; a period is named by its first day. */
    static List<Period> series(Map<LocalDate, DayTotals> days, StatsQuery query) {
        Map<LocalDate, long[]> periods = new LinkedHashMap<>();
        for (LocalDate day = query.from(); !day.isAfter(query.to()); day = day.plusDays(1)) {
            long[] totals = periods.computeIfAbsent(periodOf(day, query.interval()), p -> new long[2]);
            DayTotals found = days.get(day);
            if (found != null) {
                totals[0] += found.installs();
                totals[1] += found.uninstalls();
            }
        }
        List<Period> series = new ArrayList<>(periods.size());
        periods.forEach((start, totals) -> series.add(new Period(start, totals[0], totals[1])));
        return series;
    }

    private static LocalDate periodOf(LocalDate day, StatsQuery.Interval interval) {
        return switch (interval) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }
}
