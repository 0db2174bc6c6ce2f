package io.firstparty.contracts.events;

import io.firstparty.contracts.VersionedRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One chunk of one service's part of an access request: the service's JSON document about the person,
 * cut into chunks of at most {@link #MAX_CHUNK_CHARS} characters so that no record nears Kafka's
 * 1 MiB message limit however much the service holds (a person with 10,000 events is a few MB).
 * Every chunk of one delivery carries the same {@code deliveryId}, {@code chunks}, outcome, profile
 * ids and counts; the part is delivered once every chunk of one delivery has arrived. A later
 * delivery (a re-run) replaces an earlier one. Keyed by request, so one delivery's chunks arrive in order.
 *
 * @param service     the delivering service, e.g. {@code profile-service}
 * @param deliveryId  one id per delivery of the part
 * @param chunk       this chunk's index, from 0
 * @param chunks      how many chunks the delivery has (at least 1)
 * @param outcome     {@code delivered}, {@code nothing-held} or {@code failed}
 * @param profileIds  the profiles the request resolved to in that service (the profile service's
 *                    part names them for the services that know people only by profile id)
 * @param counts      what the part holds, by kind (e.g. {@code events: 10000})
 * @param content     this chunk's slice of the part's JSON text
 * @param detail      a reason when failed or nothing held; never personal data
 */
public record AccessPartDelivered(
        int schemaVersion,
        String requestId,
        String service,
        String deliveryId,
        int chunk,
        int chunks,
        String outcome,
        List<String> profileIds,
        Map<String, Long> counts,
        String content,
        String detail,
        Instant deliveredAt) implements VersionedRecord {

    public static final int CURRENT_VERSION = 1;

    public static final String DELIVERED = "delivered";
    public static final String NOTHING_HELD = "nothing-held";
    public static final String FAILED = "failed";

    /**
     * Characters of JSON text per chunk. Serialised, a character takes at most 3 bytes (JSON text
     * holds no raw control characters, and a quote or backslash becomes 2), so a chunk stays under
     * 400 KB.
     */
    public static final int MAX_CHUNK_CHARS = 128 * 1024;

    public AccessPartDelivered {
        profileIds = profileIds == null ? List.of() : List.copyOf(profileIds);
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        content = content == null ? "" : content;
    }

    /** A part cut into chunks, the last one short; an empty document is one empty chunk. */
    public static List<AccessPartDelivered> chunked(String requestId, String service, String deliveryId, String outcome,
                                                    List<String> profileIds, Map<String, Long> counts, String json,
                                                    String detail, Instant deliveredAt) {
        String text = json == null ? "" : json;
        List<String> slices = new ArrayList<>();
        int start = 0;
        while (start < text.length() || slices.isEmpty()) {
            int end = Math.min(text.length(), start + MAX_CHUNK_CHARS);
            // Never split a surrogate pair between two chunks.
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            slices.add(text.substring(start, end));
            start = end;
        }
        List<AccessPartDelivered> chunks = new ArrayList<>(slices.size());
        for (int i = 0; i < slices.size(); i++) {
            chunks.add(new AccessPartDelivered(CURRENT_VERSION, requestId, service, deliveryId, i, slices.size(), outcome,
                    profileIds, counts, slices.get(i), detail, deliveredAt));
        }
        return chunks;
    }

    @Override
    public String partitionKey() {
        return requestId;
    }
}
