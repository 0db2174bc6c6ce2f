package io.firstparty.kit.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.firstparty.contracts.events.Violation;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpClosedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The one place exceptions become responses: RFC 9457 problem details, never a stack trace or a
 * class name. Unexpected failures get an error id that is logged with the cause.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response firstparty(FirstpartyException e, UriInfo uri) {
        Problem problem = Problem.of(e.type(), e.title(), e.status(), e.getMessage(), path(uri), e.violations());
        return respond(problem, e.headers());
    }

    /** Failures of asynchronous work arrive wrapped; the cause decides the answer. */
    @ServerExceptionMapper
    public Response asynchronous(CompletionException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof FirstpartyException problem) {
            return firstparty(problem, uri);
        }
        return unexpected(cause != null ? cause : e, uri);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Violation(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Violation::field))
                .toList();
        return firstparty(new InvalidInputException(violations), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        var location = e.getLocation();
        String rule = "must be well-formed JSON (error at line " + location.getLineNr() + ", column "
                + location.getColumnNr() + ")";
        return firstparty(new InvalidInputException("/", rule), uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        String pointer = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()))
                .collect(Collectors.joining("/", "/", ""));
        return firstparty(new InvalidInputException(pointer, "has the wrong type or shape"), uri);
    }

    /** Declared apart because the JSON reader has its own mapper for this subtype, which would win. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unmappableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return firstparty(new InvalidInputException("/", "must be well-formed JSON"), uri);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Problem problem = Problem.of("unauthorized", "Authentication required", 401,
                "a valid bearer token is required", path(uri), List.of());
        return respond(problem, Map.of("WWW-Authenticate", "Bearer"));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return firstparty(new AccessDeniedException("your roles do not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        // The JSON body reader reports unreadable bodies as a 400 whose cause says what was wrong.
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unmappableJson(mapping, uri);
        }
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType reason = Response.Status.fromStatusCode(status);
        String title = reason != null ? reason.getReasonPhrase() : "Request failed";
        Problem problem = Problem.of(slug(title), title, status, detailFor(status), path(uri), List.of());
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        if (original.getHeaderString("Allow") != null) {
            response.header("Allow", original.getHeaderString("Allow"));
        }
        return response.build();
    }

    /** A database that cannot be reached is a passing outage (503), any other SQL failure a bug (500). */
    @ServerExceptionMapper
    public Response database(SQLException e, UriInfo uri) {
        boolean unreachable = e instanceof SQLTransientException
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"))
                || String.valueOf(e.getMessage()).contains("Acquisition timeout");
        if (unreachable) {
            LOG.warnf("Database unreachable: %s", e.getMessage());
            return firstparty(new DependencyUnavailableException("the database cannot be reached; retry later",
                    Duration.ofSeconds(5)), uri);
        }
        return unexpected(e, uri);
    }

    /**
     * A client that closes its connection before its body has arrived (a closed tab, a load generator
     * stopping) is not a failure of the service: nothing was read, so nothing was accepted, and the
     * answer will not reach anyone.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        if (!closedByClient(e)) {
            return unexpected(e, uri);
        }
        LOG.debugf("Connection closed by the client before its request body arrived: %s", path(uri));
        return firstparty(new InvalidInputException("/", "the request body was not received in full"), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure, error id %s", errorId);
        Problem problem = Problem.of("internal", "Internal error", 500,
                "the request could not be completed; quote the error id when reporting it", path(uri), List.of())
                .withErrorId(errorId);
        return respond(problem, Map.of());
    }

    /** The HTTP layer reports the hang-up wrapped in one or more IOExceptions. */
    private static boolean closedByClient(Throwable e) {
        for (Throwable cause = e; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        headers.forEach(response::header);
        return response.build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 404 -> "there is nothing at this address";
            case 405 -> "this address does not accept that method";
            case 406 -> "no representation matches the Accept header";
            case 415 -> "this content type is not accepted here";
            default -> "the request cannot be served as sent";
        };
    }

    /** Drops the method and parameter names a bean-validation path starts with, keeping the field. */
    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        return "/" + String.join("/", List.of(parts).subList(Math.min(2, parts.length - 1), parts.length));
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
