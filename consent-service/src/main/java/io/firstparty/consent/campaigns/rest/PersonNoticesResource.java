package io.firstparty.consent.campaigns.rest;

import io.firstparty.consent.campaigns.service.NoticeRecords;
import io.firstparty.consent.people.service.People;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** Which notice versions a person was served, by which channel and when: the proof that they were told. */
@Path("/v1/people/{profileId}/notices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PRIVACY_OFFICER, Roles.ADMIN})
@Blocking
public class PersonNoticesResource {

    private final People people;
    private final NoticeRecords records;

    PersonNoticesResource(People people, NoticeRecords records) {
        this.people = people;
        this.records = records;
    }

    @GET
    public List<NoticeRecords.Served> served(@PathParam("profileId") String profileId) {
        return records.of(people.chainsOf(people.requireKnown(profileId)));
    }
}
