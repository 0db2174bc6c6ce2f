package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.service.CollectionRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;

import java.time.Instant;

/** The request headers the collection API reads: credentials, the browser's origin, its privacy signal, the body's type and encoding. */
public class CollectionHeaders {

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @HeaderParam("Origin")
    String origin;

    /** Global Privacy Control: {@code Sec-GPC: 1}. */
    @HeaderParam("Sec-GPC")
    String globalPrivacyControl;

    @HeaderParam(HttpHeaders.CONTENT_TYPE)
    String contentType;

    @HeaderParam(HttpHeaders.CONTENT_ENCODING)
    String contentEncoding;

    CollectionRequest with(byte[] body) {
        boolean gpc = globalPrivacyControl != null && "1".equals(globalPrivacyControl.strip());
        return new CollectionRequest(body, authorization, origin, gpc, Instant.now(), contentType, contentEncoding);
    }
}
