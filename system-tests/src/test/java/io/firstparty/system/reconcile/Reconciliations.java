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

    /** Every service's reconciliation, each made ready for the load that is about to start. */
    public static List<Reconciliation> beforeLoad(LocalPlatform platform, List<Brand> brands) {
        List<String> sourceIds = brands.stream().map(Brand::sourceId).toList();
        List<Reconciliation> all = List.of(new ArchiveReconciliation(platform, brands),
                new ProfileReconciliation(platform, brands), new SegmentReconciliation(platform, sourceIds),
                new ConsentReconciliation(platform, sourceIds));
        all.forEach(Reconciliation::beforeLoad);
        return all;
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
