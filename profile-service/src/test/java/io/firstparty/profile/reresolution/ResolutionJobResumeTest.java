package io.firstparty.profile.reresolution;

import io.firstparty.contracts.events.EventAccepted;
import io.firstparty.kit.security.Roles;
import io.firstparty.profile.reresolution.service.ResolutionJobRunner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.firstparty.kit.testing.ServiceBasicsTest.as;
import static io.firstparty.profile.AcceptedEvents.awaitResolved;
import static io.firstparty.profile.AcceptedEvents.identify;
import static io.firstparty.profile.AcceptedEvents.profileOf;
import static io.firstparty.profile.AcceptedEvents.send;
import static io.firstparty.profile.AcceptedEvents.traits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A re-resolution job stopped half-way (its replica gone, its lease still running) is not taken by
 * another replica until the lease lapses, and is then resumed after its last committed batch, not
 * started again; once done, the linked brands' customers are one profile each.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class ResolutionJobResumeTest {

    private static final int PEOPLE = 6;

    @Inject
    DataSource dataSource;

    @Inject
    ResolutionJobRunner runner;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void anInterruptedJobResumesAfterItsLastBatchOnAnotherReplica() throws SQLException {
        String shop = "Shop " + run;
        String club = "Club " + run;
        List<EventAccepted> atShop = new ArrayList<>();
        List<EventAccepted> atClub = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String email = "p" + i + "." + run + "@example.com";
            atShop.add(identify("shop-" + i + "-" + run, null, traits("email", email)).withBrand(shop));
            atClub.add(identify("club-" + i + "-" + run, null, traits("email", email)).withBrand(club));
        }
        List<EventAccepted> all = new ArrayList<>(atShop);
        all.addAll(atClub);
        send(all);
        awaitResolved(dataSource, all);
        for (int i = 0; i < PEOPLE; i++) {
            assertNotEquals(profileOf(dataSource, atShop.get(i).messageId()), profileOf(dataSource, atClub.get(i).messageId()));
        }
        as(Roles.ADMIN).contentType("application/json").body(Map.of("name", "loyal-" + run, "brands", List.of(shop, club)))
                .post("/v1/identity-spaces").then().statusCode(201);

        long roots = count("SELECT count(*) FROM profile WHERE merged_into IS NULL");
        int batchSize = (int) Math.max(1, roots / 5);
        String job = as(Roles.ADMIN).contentType("application/json").body(Map.of("batchSize", batchSize))
                .post("/v1/resolution-jobs").then().statusCode(202).extract().path("id");

        assertEquals(3, runner.runAs("replica-a", 3));
        JsonPath interrupted = state(job);
        assertEquals("running", interrupted.getString("status"));
        assertEquals(3L * batchSize, interrupted.getLong("profilesChecked"));
        String position = interrupted.getString("position");
        assertEquals(0, runner.runAs("replica-b", Integer.MAX_VALUE), "a second replica ran a job whose lease was held");

        // replica-a is gone: its lease lapses, and replica-b takes over from the stored position.
        update("UPDATE resolution_job SET lease_until = now() - interval '1 second' WHERE id = '" + job + "'");
        long remaining = count("SELECT count(*) FROM profile WHERE merged_into IS NULL AND id > '" + position + "'");
        int resumed = runner.runAs("replica-b", Integer.MAX_VALUE);

        JsonPath done = state(job);
        assertEquals("completed", done.getString("status"));
        assertEquals(3L * batchSize + remaining, done.getLong("profilesChecked"),
                "the job did not resume after its last batch");
        assertEquals((remaining + batchSize - 1) / batchSize, resumed);
        assertTrue(done.getInt("merges") >= PEOPLE);
        for (int i = 0; i < PEOPLE; i++) {
            assertEquals(profileOf(dataSource, atShop.get(i).messageId()), profileOf(dataSource, atClub.get(i).messageId()),
                    "person " + i + " is still two profiles after the brands were linked and re-resolved");
        }
    }

    private static JsonPath state(String job) {
        return as(Roles.ADMIN).get("/v1/resolution-jobs/" + job).then().statusCode(200).extract().jsonPath();
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void update(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
