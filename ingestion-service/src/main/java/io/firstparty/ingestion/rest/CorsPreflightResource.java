package io.firstparty.ingestion.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Preflights of the collection API's calls. Same class path as {@link CollectionResource}, whose
 * endpoints these are; {@link CorsFilter} decides the origin and adds the CORS headers. Blocking,
 * so that deciding may read the database.
 */
@Path("/v1")
@PermitAll
@Blocking
public class CorsPreflightResource {

    @OPTIONS
    @Path("/{call: identify|track|page|screen|group|alias|batch|import|validate|i|t|p|s|g|a|b}")
    @Operation(summary = "CORS preflight: allowed for an origin that an enabled source lists")
    public Response preflight() {
        return CorsFilter.preflight();
    }
}
