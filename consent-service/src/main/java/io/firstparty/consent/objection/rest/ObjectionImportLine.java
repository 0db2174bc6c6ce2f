package io.firstparty.consent.objection.rest;

/**
 * One objection received earlier through another channel, as a privacy officer imports it.
 *
 * @param identifier  {@code type:value} (e.g. {@code email:ada@example.com}), or else
 * @param profileId   the person's profile id
 * @param purpose     a legitimate-interest purpose
 * @param receivedAt  ISO-8601 instant the objection was received; past, and kept as the record's time
 * @param channel     letter, mailbox, legacy_form, phone, in_person or other
 * @param evidenceRef the brand's reference for the evidence (scan id, mail id): importing it again changes nothing
 */
public record ObjectionImportLine(
        String identifier,
        String profileId,
        String purpose,
        String receivedAt,
        String channel,
        String evidenceRef) {
}
