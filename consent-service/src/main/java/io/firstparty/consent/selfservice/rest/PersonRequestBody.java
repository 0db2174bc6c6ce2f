package io.firstparty.consent.selfservice.rest;

import java.util.List;

/**
 * @param email    the address the person holds; the confirmation link goes there
 * @param type     {@code access}, {@code portability}, {@code erasure} or {@code objection}
 * @param purposes for an objection, the legitimate-interest purposes; every one when absent
 * @param language {@code en} or {@code fr} for the e-mails; English otherwise
 */
public record PersonRequestBody(String email, String type, List<String> purposes, String language) {
}
