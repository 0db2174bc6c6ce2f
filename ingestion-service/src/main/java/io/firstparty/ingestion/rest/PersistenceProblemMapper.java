package io.firstparty.ingestion.rest;

import io.firstparty.kit.problem.ProblemMapper;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;

/**
 * Hibernate wraps the driver's SQLException in its own; the cause decides the answer as it does for
 * plain JDBC, so a database that cannot be reached is a 503 whichever way it was read.
 */
public class PersistenceProblemMapper {

    private final ProblemMapper problems = new ProblemMapper();

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return problems.database(sql, uri);
            }
        }
        return problems.unexpected(e, uri);
    }
}
