package io.firstparty.ingestion.service;

import java.time.Instant;

/**
 * One request to the collection API, as the transport received it.
 *
 * @param authorization          the Authorization header, or null
 * @param origin                 the Origin header of a browser request, or null
 * @param globalPrivacyControl   {@code Sec-GPC: 1} was sent
 * @param contentType            the Content-Type header, or null
 * @param contentEncoding        the Content-Encoding header, or null once the body is decoded
 */
public record CollectionRequest(byte[] body, String authorization, String origin, boolean globalPrivacyControl,
                                Instant receivedAt, String contentType, String contentEncoding) {

    /** The same request with its body as sent before compression, at most {@code limit} bytes of it. */
    CollectionRequest decoded(int limit) {
        byte[] plain = ContentEncoding.decode(body, contentEncoding, limit);
        return new CollectionRequest(plain, authorization, origin, globalPrivacyControl, receivedAt, contentType, null);
    }
}
