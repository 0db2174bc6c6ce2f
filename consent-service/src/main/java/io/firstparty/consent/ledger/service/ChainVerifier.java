package io.firstparty.consent.ledger.service;

import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.people.service.People;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/** Re-computes a person's chains link by link and points at the first one that does not hold. */
@ApplicationScoped
public class ChainVerifier {

    private final People people;
    private final Ledger ledger;

    ChainVerifier(People people, Ledger ledger) {
        this.people = people;
        this.ledger = ledger;
    }

    /** Where a chain first breaks, and why. */
    public record BrokenLink(String chain, int seq, UUID recordId, String reason) {
    }

    /**
     * @param chains the profile ids checked: the person's own and those merged into it
     * @param firstBrokenLink null when every chain holds
     */
    public record Verdict(String profileId, boolean intact, int records, List<String> chains, BrokenLink firstBrokenLink) {
    }

    @Transactional
    public Verdict verify(String profileId) {
        String person = people.requireKnown(profileId);
        List<String> chains = people.chainsOf(person);
        int records = 0;
        for (String chain : chains) {
            List<LedgerRecord> links = ledger.chain(chain);
            records += links.size();
            BrokenLink broken = firstBroken(chain, links);
            if (broken != null) {
                return new Verdict(person, false, records, chains, broken);
            }
        }
        return new Verdict(person, true, records, chains, null);
    }

    static BrokenLink firstBroken(String chain, List<LedgerRecord> links) {
        String previousHash = ChainHash.GENESIS;
        int expectedSeq = 1;
        for (LedgerRecord link : links) {
            if (link.seq != expectedSeq) {
                return new BrokenLink(chain, link.seq, link.id, "record " + expectedSeq + " is missing before it");
            }
            if (!link.prevHash.equals(previousHash)) {
                return new BrokenLink(chain, link.seq, link.id, "it does not follow the previous record's hash");
            }
            if (!ChainHash.of(link).equals(link.hash)) {
                return new BrokenLink(chain, link.seq, link.id, "its content no longer matches its hash");
            }
            previousHash = link.hash;
            expectedSeq++;
        }
        return null;
    }
}
