package io.firstparty.consent.objection.rest;

import io.firstparty.consent.objection.service.ObjectionImports;
import io.firstparty.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Objections received before or outside firstparty (letters, the privacy mailbox, an older form),
 * imported by a privacy officer with their original time: all lines or none, and importing the same
 * evidence again records nothing new.
 */
@Path("/v1/objection-imports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PRIVACY_OFFICER)
@Blocking
public class ObjectionImportResource {

    private final ObjectionImports imports;
    private final SecurityIdentity caller;

    ObjectionImportResource(ObjectionImports imports, SecurityIdentity caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    public ObjectionImportResult importAll(List<ObjectionImportLine> lines) {
        return imports.importAll(lines, caller.getPrincipal().getName());
    }
}
