package io.firstparty.segment.access.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.contracts.events.AccessPartDelivered;
import io.firstparty.segment.access.repository.AccessRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The segment service's part of an access or portability request: the segments the person is in,
 * every entry and exit with its time, cause and rule version, the traits kept to evaluate rules, and
 * how many of their events the history holds (the events themselves are in the profile service's
 * part). The service knows people only by profile id, so it answers once the profile service's part
 * names the profiles; reading changes nothing, so a re-run simply delivers again.
 */
@ApplicationScoped
public class AccessPartService {

    public static final String SERVICE = "segment-service";
    private static final Logger LOG = Logger.getLogger(AccessPartService.class);

    private final AccessRepository repository;
    private final ObjectMapper mapper;

    AccessPartService(AccessRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    public List<AccessPartDelivered> part(String requestId, List<String> profileIds) {
        String deliveryId = UUID.randomUUID().toString();
        try {
            AccessRepository.Held held = repository.of(profileIds);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("memberships", (long) held.memberships().size());
            counts.put("entriesAndExits", (long) held.history().size());
            counts.put("eventsHeld", held.events());
            boolean nothing = held.memberships().isEmpty() && held.history().isEmpty() && held.traits().isEmpty()
                    && held.events() == 0;
            if (nothing) {
                return AccessPartDelivered.chunked(requestId, SERVICE, deliveryId, AccessPartDelivered.NOTHING_HELD,
                        profileIds, counts, null, "no segment history of these profiles", Instant.now());
            }
            List<JsonNode> traits = new ArrayList<>();
            for (String text : held.traits()) {
                traits.add(mapper.readTree(text));
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("profileIds", profileIds);
            document.put("memberships", held.memberships());
            document.put("history", held.history());
            document.put("traits", traits);
            document.put("eventsHeld", held.events());
            return AccessPartDelivered.chunked(requestId, SERVICE, deliveryId, AccessPartDelivered.DELIVERED,
                    profileIds, counts, mapper.writeValueAsString(document), null, Instant.now());
        } catch (Exception e) {
            LOG.errorf(e, "Access request %s: the segment service's part could not be gathered", requestId);
            return AccessPartDelivered.chunked(requestId, SERVICE, deliveryId, AccessPartDelivered.FAILED, profileIds,
                    Map.of(), null, "the segment history could not be read", Instant.now());
        }
    }
}
