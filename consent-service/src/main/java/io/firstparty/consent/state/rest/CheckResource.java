package io.firstparty.consent.state.rest;

import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.purposes.domain.Purpose;
import io.firstparty.consent.purposes.service.PurposeService;
import io.firstparty.consent.state.service.ConsentChecks;
import io.firstparty.consent.state.service.Verdict;
import io.firstparty.contracts.events.Violation;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.kit.identity.IdentifierParameter;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.PayloadTooLargeException;
import io.firstparty.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** May this purpose be applied to this person? Every path where data is used or leaves asks first. */
@Path("/v1/consents/check")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MARKETER, Roles.PRIVACY_OFFICER, Roles.ADMIN})
@Blocking
public class CheckResource {

    private static final int MAX_ID_LENGTH = 200;

    private final ConsentChecks checks;
    private final PurposeService purposes;
    private final IdentifierNormalizer normalizer;
    private final ConsentConfig config;

    CheckResource(ConsentChecks checks, PurposeService purposes, IdentifierNormalizer normalizer, ConsentConfig config) {
        this.checks = checks;
        this.purposes = purposes;
        this.normalizer = normalizer;
        this.config = config;
    }

    @POST
    public Verdict check(CheckRequest request) throws SQLException {
        if (request == null) {
            throw new InvalidInputException("", "a purpose and a profileId or identifier are required");
        }
        Purpose purpose = purposes.requireForCheck("/purpose", request.purpose());
        if ((request.profileId() == null) == (request.identifier() == null)) {
            throw new InvalidInputException("/profileId", "give either profileId or identifier, not both");
        }
        if (request.identifier() != null) {
            return checks.check(purpose, IdentifierParameter.parse("/identifier", request.identifier(), normalizer));
        }
        checkId("/profileId", request.profileId());
        return checks.check(purpose, List.of(request.profileId())).get(0);
    }

    @POST
    @Path("/batch")
    public BatchCheckResult batch(BatchCheckRequest request) throws SQLException {
        if (request == null || request.profileIds() == null) {
            throw new InvalidInputException("/profileIds", "is required: a list of profile ids");
        }
        if (request.profileIds().size() > config.maxBatchCheck()) {
            throw new PayloadTooLargeException("/profileIds", "must hold at most " + config.maxBatchCheck() + " ids");
        }
        Purpose purpose = purposes.requireForCheck("/purpose", request.purpose());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < request.profileIds().size() && violations.size() < 10; i++) {
            String id = request.profileIds().get(i);
            if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
                violations.add(new Violation("/profileIds/" + i, "must be a profile id of 1 to " + MAX_ID_LENGTH + " characters"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return BatchCheckResult.of(purpose.code, purpose.lawfulBasis, checks.check(purpose, request.profileIds()));
    }

    private static void checkId(String field, String id) {
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new InvalidInputException(field, "must be a profile id of 1 to " + MAX_ID_LENGTH + " characters");
        }
    }
}
