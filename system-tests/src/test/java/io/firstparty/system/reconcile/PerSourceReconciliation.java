package io.firstparty.system.reconcile;

import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.Ledger;
import io.firstparty.system.platform.LocalPlatform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A reconciliation made brand by brand, each source's stored state against its own part of the ledger. */
abstract class PerSourceReconciliation implements Reconciliation {

    protected final Tables tables;
    private final List<Brand> brands;

    PerSourceReconciliation(LocalPlatform platform, List<Brand> brands) {
        this.tables = new Tables(platform);
        this.brands = List.copyOf(brands);
    }

    /** Whether the service has taken in all of the source's load (false while it cannot tell). */
    protected abstract boolean caughtUp(Brand brand, Ledger.SourceLedger expected);

    /** Prints the source's counts and returns its discrepancies, each naming the source. */
    protected abstract List<String> discrepancies(Brand brand, Ledger.SourceLedger expected);

    @Override
    public void awaitCaughtUp(Ledger ledger, Duration timeout) {
        Tables.await(timeout, () -> brands.stream().allMatch(brand -> caughtUp(brand, ledger.of(brand.sourceId()))));
    }

    @Override
    public List<String> discrepancies(Ledger ledger) {
        List<String> found = new ArrayList<>();
        for (Brand brand : brands) {
            found.addAll(discrepancies(brand, ledger.of(brand.sourceId())));
        }
        return found;
    }
}
