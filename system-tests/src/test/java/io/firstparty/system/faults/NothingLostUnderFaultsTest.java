package io.firstparty.system.faults;

import io.firstparty.system.platform.Brand;
import io.firstparty.system.platform.BrokerAdmin;
import io.firstparty.system.platform.Kubelet;
import io.firstparty.system.platform.Ledger;
import io.firstparty.system.platform.LocalPlatform;
import io.firstparty.system.platform.ManagedProcess;
import io.firstparty.system.platform.Service;
import io.firstparty.system.platform.SteadyLoad;
import io.firstparty.system.reconcile.NoticeCampaignReconciliation;
import io.firstparty.system.reconcile.Reconciliation;
import io.firstparty.system.reconcile.Reconciliations;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing lost: under steady ingestion load, the Kafka broker, PostgreSQL and each service in turn
 * are killed with SIGKILL (several times each) and started again; afterwards every message id that
 * got a 2xx is stored exactly once and accepted = stored + failed, per source, and each profile,
 * segment membership and consent state is what a recomputation from scratch gives (see
 * {@link Reconciliations#beforeLoad}). A notice campaign starts just before consent-service is first
 * killed, while it sends: nobody may get two of its e-mails.
 */
@Tag("faults")
@Order(10)
class NothingLostUnderFaultsTest {

    private static final int ROUNDS = 2;
    private static final Duration STEADY = Duration.ofSeconds(5);
    private static final Duration OUTAGE = Duration.ofSeconds(3);
    private static final Duration RECOVERY = Duration.ofMinutes(4);

    private final LocalPlatform platform = LocalPlatform.get();
    private final Kubelet kubelet = new Kubelet();

    @Test
    void everyAcceptedMessageIsStoredExactlyOnceThroughKillsAndRestarts() throws InterruptedException {
        long start = System.nanoTime();
        List<Brand> brands = List.of(Brand.create(platform, "Maison Panne"), Brand.create(platform, "Atelier Coupure"));
        // 2 senders x 5 batches/s x 20 messages: 200 messages/s, for as long as the faults last.
        List<Reconciliation> reconciliations = new ArrayList<>(Reconciliations.beforeLoad(platform, brands));
        NoticeCampaignReconciliation campaign = new NoticeCampaignReconciliation(platform, brands.get(0));
        reconciliations.add(campaign);
        SteadyLoad load = new SteadyLoad(List.of(Service.INGESTION.url()), brands, 20, 500_000, Duration.ofMinutes(25), 5);
        load.start(2);
        Ledger ledger;
        try (BrokerAdmin broker = new BrokerAdmin(platform.kafkaBootstrap())) {
            for (int round = 1; round <= ROUNDS; round++) {
                for (Fault fault : faults(broker)) {
                    Thread.sleep(STEADY.toMillis());
                    if (round == 1 && fault.process() == platform.service(Service.CONSENT)) {
                        campaign.startAndAwaitFirstEmails();
                    }
                    long down = System.nanoTime();
                    fault.process().kill();
                    Thread.sleep(OUTAGE.toMillis());
                    fault.process().start();
                    fault.awaitUp().run();
                    awaitServicesReady(broker);
                    System.out.printf("round %d: %s killed, everything ready again after %.1f s%n", round,
                            fault.process().name(), (System.nanoTime() - down) / 1e9);
                }
            }
            ledger = load.stop();
            awaitServicesReady(broker);
        } finally {
            load.stop();
        }
        System.out.println("restarts the platform did not make by itself (a component died, or a liveness check kept failing): "
                + kubelet.restarts());
        System.out.printf("load: %d messages accepted and %d rejected by a 2xx; requests by answer status %s%n",
                ledger.acceptedTotal(), ledger.rejectedTotal(), ledger.statuses());

        List<String> discrepancies = Reconciliations.run(reconciliations, ledger, Duration.ofMinutes(5));
        System.out.printf("faults test: %.0f s in all%n", (System.nanoTime() - start) / 1e9);

        assertTrue(ledger.acceptedTotal() > 0 && ledger.rejectedTotal() > 0, "the load got nothing through");
        assertTrue(ledger.statuses().keySet().stream().anyMatch(status -> status != 200),
                "no request ever failed: the faults never reached the clients, so the test proved nothing");
        assertEquals(List.of(), discrepancies);
    }

    /**
     * Every component up and every service ready again: a component that died is started again, and a
     * service whose liveness check keeps failing is restarted, as the Helm chart's probe would have it
     * (the counts are printed: each is a recovery the platform did not make by itself).
     */
    private void awaitServicesReady(BrokerAdmin broker) {
        ManagedProcess kafka = platform.infrastructure("kafka");
        if (kubelet.revive(kafka)) {
            broker.awaitUp(kafka, RECOVERY);
        }
        if (kubelet.revive(platform.infrastructure("postgres"))) {
            platform.awaitPostgres();
        }
        for (Service service : Service.values()) {
            kubelet.awaitReady(platform.service(service), service.url(), RECOVERY);
        }
    }

    /** The components killed in turn, each with how to tell it is back. */
    private List<Fault> faults(BrokerAdmin broker) {
        List<Fault> faults = new ArrayList<>();
        ManagedProcess kafka = platform.infrastructure("kafka");
        faults.add(new Fault(kafka, () -> broker.awaitUp(kafka, RECOVERY)));
        faults.add(new Fault(platform.infrastructure("postgres"), platform::awaitPostgres));
        for (Service service : Service.values()) {
            faults.add(new Fault(platform.service(service), () -> kubelet.awaitReady(platform.service(service), service.url(), RECOVERY)));
        }
        return faults;
    }

    private record Fault(ManagedProcess process, Runnable awaitUp) {
    }
}
