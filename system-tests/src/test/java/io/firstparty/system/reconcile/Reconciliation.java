package io.firstparty.system.reconcile;

import io.firstparty.system.platform.Ledger;

import java.time.Duration;
import java.util.List;

/**
 * One service's stored state compared with what the load's {@link Ledger} says it must be. The
 * fault and scale-out tests run every reconciliation in {@link Reconciliations#beforeLoad}; a service
 * that starts to do real work with the events adds its own there.
 */
public interface Reconciliation {

    String name();

    /** Sets up what must see the load from its start, such as a segment to follow it; nothing by default. */
    default void beforeLoad() {
    }

    /** Waits until the service has taken in all the load it was sent, or the time is up. */
    void awaitCaughtUp(Ledger ledger, Duration timeout);

    /** Prints the counts and returns every discrepancy found: empty when nothing was lost or doubled. */
    List<String> discrepancies(Ledger ledger);
}
