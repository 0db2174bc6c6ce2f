package io.firstparty.system.reconcile;

import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.Ledger;
import io.firstparty.system.platform.LocalPlatform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The reconciliations of every service that does real work with the events. */
public final class Reconciliations {

    private Reconciliations() {
    }

    public static List<Reconciliation> all(LocalPlatform platform, List<Brand> brands) {
        return List.of(new ArchiveReconciliation(platform, brands));
    }

    /** Waits for each service to catch up, then returns every discrepancy, each named by its service. */
    public static List<String> run(List<Reconciliation> reconciliations, Ledger ledger, Duration timeout) {
        List<String> discrepancies = new ArrayList<>();
        for (Reconciliation reconciliation : reconciliations) {
            reconciliation.awaitCaughtUp(ledger, timeout);
            reconciliation.discrepancies(ledger)
                    .forEach(discrepancy -> discrepancies.add(reconciliation.name() + ": " + discrepancy));
        }
        return discrepancies;
    }
}
