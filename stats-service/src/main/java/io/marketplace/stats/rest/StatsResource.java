package io.marketplace.stats.rest;

import io.marketplace.platform.security.Roles;
import io.marketplace.stats.service.ChartRenderer;
import io.marketplace.stats.service.StatsQuery;
import io.marketplace.stats.service.StatsService;
import io.marketplace.stats.service.StatsService.Period;
import io.marketplace.stats.service.StatsService.Stats;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An integration's install statistics, for admins of its owning technical account (others: 404). */
@Path("/api/v1/integrations/{id}")
@Tag(name = "stats", description = "Install statistics per language")
@RolesAllowed(Roles.ADMIN)
public class StatsResource {

    @Inject
    StatsService stats;

    @GET
    @Path("stats")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getStats", summary = "Get install statistics",
            description = "The series (every period, zeros included) and the metrics of an integration's installs and "
                    + "uninstalls: lang (all when left out), from and to (yyyy-mm-dd), interval (day, week or "
                    + "month) and tz (an IANA time zone).")
    public Stats json(@PathParam("id") UUID id, @QueryParam("lang") String lang, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("interval") String interval, @QueryParam("tz") String tz) {
        return stats.stats(id, StatsQuery.parse(lang, from, to, interval, tz));
    }

    @GET
    @Path("stats.csv")
    @Produces("text/csv")
    @Operation(operationId = "getStatsCsv", summary = "Download install statistics as CSV",
            description = "The same series as CSV (RFC 4180, with a header row: period, language, installs, "
                    + "uninstalls).")
    @APIResponse(responseCode = "200", description = "The series",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"<code>-stats.csv\"", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    example = "period,language,installs,uninstalls\r\n2026-11-01,all,3,1\r\n"))
    public Response csv(@PathParam("id") UUID id, @QueryParam("lang") String lang, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("interval") String interval, @QueryParam("tz") String tz) {
        Stats result = stats.stats(id, StatsQuery.parse(lang, from, to, interval, tz));
        StringBuilder csv = new StringBuilder("period,language,installs,uninstalls\r\n");
        for (Period period : result.series()) {
            csv.append(period.period()).append(',').append(result.language() == null ? "all" : result.language()).append(',')
                    .append(period.installs()).append(',').append(period.uninstalls()).append("\r\n");
        }
        return Response.ok(csv.toString(), "text/csv; charset=utf-8; header=present")
                .header("Content-Disposition", "attachment; filename=\"" + result.widgetCode() + "-stats.csv\"")
                .build();
    }

    @GET
    @Path("stats/chart.svg")
    @Produces("image/svg+xml")
    @Operation(operationId = "getStatsChart", summary = "Get install statistics as a chart",
            description = "The same series as an SVG chart: installs in blue, uninstalls in red.")
    @APIResponse(responseCode = "200", description = "The chart",
            content = @Content(mediaType = "image/svg+xml", schema = @Schema(type = SchemaType.STRING)))
    public Response chart(@PathParam("id") UUID id, @QueryParam("lang") String lang, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("interval") String interval, @QueryParam("tz") String tz) {
        return Response.ok(ChartRenderer.render(stats.stats(id, StatsQuery.parse(lang, from, to, interval, tz))),
                "image/svg+xml").build();
    }
}
