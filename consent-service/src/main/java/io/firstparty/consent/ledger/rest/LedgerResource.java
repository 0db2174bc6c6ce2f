package io.firstparty.consent.ledger.rest;

import io.firstparty.consent.ledger.service.ChainVerifier;
import io.firstparty.consent.ledger.service.ConsentRecorder;
import io.firstparty.consent.ledger.service.Ledger;
import io.firstparty.consent.ledger.service.OfficerRecords;
import io.firstparty.consent.people.service.People;
import io.firstparty.kit.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** A person's consent ledger: read it, prove it has not been tampered with, add evidence collected elsewhere. */
@Path("/v1/people/{profileId}/ledger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
@Blocking
public class LedgerResource {

    private final People people;
    private final Ledger ledger;
    private final ChainVerifier verifier;
    private final OfficerRecords officerRecords;
    private final SecurityIdentity caller;

    LedgerResource(People people, Ledger ledger, ChainVerifier verifier, OfficerRecords officerRecords,
                   SecurityIdentity caller) {
        this.people = people;
        this.ledger = ledger;
        this.verifier = verifier;
        this.officerRecords = officerRecords;
        this.caller = caller;
    }

    @GET
    @Transactional
    public List<LedgerEntry> history(@PathParam("profileId") String profileId) {
        String person = people.requireKnown(profileId);
        return ledger.history(people.chainsOf(person)).stream().map(record -> LedgerEntry.of(record, false)).toList();
    }

    @GET
    @Path("/verify")
    public ChainVerifier.Verdict verify(@PathParam("profileId") String profileId) {
        return verifier.verify(profileId);
    }

    /** 201 with the new record; 200 with the earlier one when the same evidence was already recorded. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PRIVACY_OFFICER)
    public Response record(@PathParam("profileId") String profileId, RecordConsentRequest request) {
        ConsentRecorder.Recorded recorded = officerRecords.record(profileId, request, caller.getPrincipal().getName());
        return Response.status(recorded.replayed() ? Response.Status.OK : Response.Status.CREATED)
                .entity(LedgerEntry.of(recorded)).build();
    }
}
