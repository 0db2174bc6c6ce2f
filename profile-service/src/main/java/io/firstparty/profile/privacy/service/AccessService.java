package io.firstparty.profile.privacy.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.contracts.events.AccessRequested;
import io.firstparty.contracts.topics.Topics;
import io.firstparty.profile.messaging.ChangePublisher;
import io.firstparty.profile.messaging.ChangePublisher.Outgoing;
import io.firstparty.profile.privacy.domain.ProfileExport;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The profile service's part of an access or portability request (GDPR Art. 15 and 20): for each
 * profile the request resolves to, the export document (profile, identifiers and why each belongs,
 * traits with provenance, every event, the merge log), published in chunks on the access-parts topic.
 * It changes nothing, so a redelivered or re-run request simply delivers again. Its profile ids tell
 * the services that know people only by profile id whom the request is about.
 */
@ApplicationScoped
public class AccessService {

    public static final String SERVICE = "profile-service";
    private static final Logger LOG = Logger.getLogger(AccessService.class);

    private final RequestedPeople people;
    private final ExportService exports;
    private final ChangePublisher publisher;
    private final ObjectMapper mapper;

    AccessService(RequestedPeople people, ExportService exports, ChangePublisher publisher, ObjectMapper mapper) {
        this.people = people;
        this.exports = exports;
        this.publisher = publisher;
        this.mapper = mapper;
    }

    /** Each profile is read in a transaction of its own (the export's), so a failure is reported, not thrown. */
    public List<AccessPartDelivered> deliver(AccessRequested request) {
        String deliveryId = UUID.randomUUID().toString();
        List<AccessPartDelivered> chunks;
        try {
            List<ProfileExport> profiles = new ArrayList<>();
            for (UUID root : people.roots(request.profileId(), request.identifiers())) {
                profiles.add(exports.export(root));
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("profiles", (long) profiles.size());
            counts.put("identifiers", profiles.stream().mapToLong(profile -> profile.identifiers().size()).sum());
            counts.put("traits", profiles.stream().mapToLong(profile -> profile.profile().traits().size()).sum());
            counts.put("events", profiles.stream().mapToLong(profile -> profile.events().size()).sum());
            counts.put("merges", profiles.stream().mapToLong(profile -> profile.merges().size()).sum());
            List<String> ids = profiles.stream().map(profile -> profile.profile().id().toString()).toList();
            chunks = profiles.isEmpty()
                    ? AccessPartDelivered.chunked(request.requestId(), SERVICE, deliveryId,
                    AccessPartDelivered.NOTHING_HELD, ids, counts, null, "no profile holds these identifiers", Instant.now())
                    : AccessPartDelivered.chunked(request.requestId(), SERVICE, deliveryId, AccessPartDelivered.DELIVERED,
                    ids, counts, mapper.writeValueAsString(Map.of("profiles", profiles)), null, Instant.now());
        } catch (Exception e) {
            LOG.errorf(e, "Access request %s: the profile service's part could not be gathered", request.requestId());
            chunks = AccessPartDelivered.chunked(request.requestId(), SERVICE, deliveryId, AccessPartDelivered.FAILED,
                    List.of(), Map.of(), null, "the profiles could not be read", Instant.now());
        }
        publisher.publish(chunks.stream().map(chunk -> new Outgoing(Topics.ACCESS_PARTS, chunk)).toList());
        return chunks;
    }
}
