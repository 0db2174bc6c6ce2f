package io.firstparty.ingestion.service;

/**
 * One post to a form, as the transport received it.
 *
 * @param request           the body and headers, read as the collection API reads them (origin, {@code Sec-GPC})
 * @param json              the body is a JSON object; otherwise it is {@code application/x-www-form-urlencoded}
 * @param charset           the Content-Type's charset parameter, or null
 * @param anonymousIdCookie the device's {@code ajs_anonymous_id} cookie, or null
 */
public record FormSubmission(CollectionRequest request, boolean json, String charset, String anonymousIdCookie) {

    /** The cookie analytics.js keeps the device's anonymous id in. */
    public static final String ANONYMOUS_ID_COOKIE = "ajs_anonymous_id";
}
