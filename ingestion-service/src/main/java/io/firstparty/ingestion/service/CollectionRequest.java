package io.firstparty.ingestion.service;

import java.time.Instant;

/**
 * One request to the collection API, as the transport received it.
 *
 * @param authorization          the Authorization header, or null
 * @param origin                 the Origin header of a browser request, or null
 * @param globalPrivacyControl   {@code Sec-GPC: 1} was sent
 */
public record CollectionRequest(byte[] body, String authorization, String origin, boolean globalPrivacyControl,
                                Instant receivedAt) {
}
