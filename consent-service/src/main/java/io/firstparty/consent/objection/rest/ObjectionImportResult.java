package io.firstparty.consent.objection.rest;

import java.util.List;
import java.util.UUID;

/**
 * What an import did, line by line.
 *
 * @param recorded        lines that became a ledger record now
 * @param pending         lines kept for an identifier nobody holds yet, recorded when one does
 * @param alreadyRecorded lines whose evidence was on record already: nothing new was written
 */
public record ObjectionImportResult(int recorded, int pending, int alreadyRecorded, List<Line> lines) {

    /**
     * @param pointer  the line's JSON pointer in the request ({@code /0}, {@code /1}, ...)
     * @param outcome  {@code recorded}, {@code pending} or {@code already_recorded}
     * @param recordId the ledger record (or the waiting objection)
     * @param profileId the person it was recorded for; absent while pending
     */
    public record Line(String pointer, String outcome, UUID recordId, String profileId) {
    }
}
