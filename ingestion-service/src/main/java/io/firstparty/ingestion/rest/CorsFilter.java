package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.service.CorsPolicy;
import io.firstparty.kit.problem.AccessDeniedException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Set;

/**
 * CORS for the endpoints browser scripts call: the collection API and the forms. Quarkus's own CORS
 * filter stays off, because the allowed origins are data (each source lists its own). An allowed
 * origin is echoed, never {@code *}, on every answer, problems included, so that a script can read
 * why a call failed; a preflight from any other origin is refused.
 */
public class CorsFilter {

    private static final String ALLOWED_ORIGIN = CorsFilter.class.getName() + ".allowedOrigin";
    private static final Set<Class<?>> COLLECTION = Set.of(CollectionResource.class, CorsPreflightResource.class);

    private final CorsPolicy policy;

    CorsFilter(CorsPolicy policy) {
        this.policy = policy;
    }

    /** What a preflight's own answer is; the CORS headers are added on the way out. */
    static Response preflight() {
        return Response.noContent().allow(HttpMethod.POST, HttpMethod.OPTIONS).build();
    }

    /** Runs after matching, on the endpoint's worker thread, so the policy may read the database. */
    @ServerRequestFilter
    public void checkOrigin(ContainerRequestContext request, SimpleResourceInfo resource) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return;
        }
        if (resource.getResourceClass() == FormSubmissionResource.class) {
            String formId = request.getUriInfo().getPathParameters().getFirst("formId");
            decide(request, origin, policy.allowsForm(formId, origin));
        } else if (COLLECTION.contains(resource.getResourceClass())) {
            decide(request, origin, policy.allowsCollection(origin));
        }
    }

    @ServerResponseFilter
    public void addHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        Object origin = request.getProperty(ALLOWED_ORIGIN);
        if (origin == null) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.add(HttpHeaders.VARY, "Origin");
        if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            headers.putSingle("Access-Control-Allow-Methods", HttpMethod.POST + ", " + HttpMethod.OPTIONS);
            // analytics.js numbers its retries in X-Retry-Count.
            headers.putSingle("Access-Control-Allow-Headers",
                    HttpHeaders.CONTENT_TYPE + ", " + HttpHeaders.AUTHORIZATION + ", X-Retry-Count");
            headers.putSingle("Access-Control-Max-Age", "600");
        } else {
            // A script told to slow down must be able to read when to try again.
            headers.putSingle("Access-Control-Expose-Headers", "Retry-After");
        }
    }

    private static void decide(ContainerRequestContext request, String origin, boolean allowed) {
        if (allowed) {
            request.setProperty(ALLOWED_ORIGIN, origin);
        } else if (HttpMethod.OPTIONS.equals(request.getMethod())) {
            throw new AccessDeniedException("this origin may not call this endpoint from a browser");
        }
    }
}
