package io.firstparty.segment.rest;

import io.firstparty.kit.problem.ProblemMapper;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Hibernate wraps a database it cannot reach in its own exception; the problem is the SQL failure
 * inside, answered as the shared {@link ProblemMapper} answers it (503 with Retry-After).
 */
public class PersistenceProblems {

    private final ProblemMapper problems = new ProblemMapper();

    @ServerExceptionMapper
    public Response unreachable(JDBCConnectionException e, UriInfo uri) {
        return problems.database(e.getSQLException(), uri);
    }
}
