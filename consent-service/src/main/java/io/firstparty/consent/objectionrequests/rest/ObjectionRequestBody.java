package io.firstparty.consent.objectionrequests.rest;

import java.util.List;

/**
 * @param profileId  the person's profile id, or
 * @param identifier any identifier they hold, {@code type:value}
 * @param purposes   the legitimate-interest purposes objected to; every one when absent or empty
 */
public record ObjectionRequestBody(String profileId, String identifier, List<String> purposes) {
}
