package io.marketplace.integrations.rest;

import io.marketplace.integrations.service.archive.Finding;
import io.marketplace.integrations.service.archive.InvalidArchiveException;
import io.marketplace.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An invalid archive is a 400 problem whose extension members are the archive report itself. */
public class InvalidArchiveMapper {

    public record ArchiveProblem(String type, String title, int status, String detail, boolean valid, List<Finding> errors,
            List<Finding> warnings) {
    }

    @ServerExceptionMapper
    public Response invalidArchive(InvalidArchiveException e) {
        List<Finding> errors = e.report().errors();
        String detail = errors.size() == 1 ? errors.get(0).message() : errors.size() + " problems in the archive";
        return Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(new ArchiveProblem("urn:marketplace:problem:invalid-archive", "The widget archive is not valid", 400,
                        detail, false, errors, e.report().warnings()))
                .build();
    }
}
