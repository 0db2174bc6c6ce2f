package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.DeliveryChannel;
import io.firstparty.consent.campaigns.domain.NoticeCampaign;
import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.objection.service.ObjectionLinks;
import io.firstparty.consent.purposes.domain.Purpose;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the campaigns' e-mails from the delivery rows, on every replica at once: each claims its own
 * rows a batch at a time, looks up the batch's addresses in one query, confirms the batch's rows in one
 * batched statement (only rows it still holds go out), sends their e-mails concurrently (at most
 * {@code send-concurrency} at once, paced to the configured rate) and records those sent in one
 * transaction, with the notice version. When the SMTP server fails, the first e-mail that failed is
 * recorded failed (tried again later), no further e-mail of the batch is started and the rest of the
 * batch (the other e-mails that failed with it included) is handed back, so the campaign resumes once
 * the server is back. Receipts of objections go out the same way.
 */
@ApplicationScoped
public class NoticeSender {

    private static final Logger LOG = Logger.getLogger(NoticeSender.class);
    private static final Pattern SMTP_REPLY = Pattern.compile("\\b([45]\\d\\d)\\b");

    private final DeliveryQueue queue;
    private final Campaigns campaigns;
    private final NoticeRenderer renderer;
    private final ObjectionLinks links;
    private final ReactiveMailer mailer;
    private final ConsentConfig config;
    private final NoticeRecords records;
    private final Pacer pacer;
    private final String replica = UUID.randomUUID().toString();

    NoticeSender(DeliveryQueue queue, Campaigns campaigns, NoticeRenderer renderer, NoticeRecords records,
                 ObjectionLinks links, ReactiveMailer mailer, ConsentConfig config) {
        this.queue = queue;
        this.campaigns = campaigns;
        this.renderer = renderer;
        this.records = records;
        this.links = links;
        this.mailer = mailer;
        this.config = config;
        this.pacer = new Pacer(config.campaigns().messagesPerSecond());
    }

    /** What one run sent, and how many e-mails failed. */
    public record Run(int sent, int failed) {
    }

    @Scheduled(every = "${firstparty.consent.campaigns.send-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            delayed = "10s")
    void scheduled() {
        Run run = runAs(replica);
        if (run.sent() + run.failed() > 0) {
            LOG.infof("notices: %d e-mails sent, %d failed", run.sent(), run.failed());
        }
    }

    /** Sends until no e-mail is due, as one replica (named by {@code holder}) would. */
    public Run runAs(String holder) {
        Map<UUID, NoticeCampaign> known = new HashMap<>();
        int sent = 0;
        List<DeliveryQueue.Claimed> batch;
        while (!(batch = queue.claim(holder, config.campaigns().batchSize())).isEmpty()) {
            Run run = sendBatch(batch, holder, known);
            sent += run.sent();
            if (run.failed() > 0 || Thread.currentThread().isInterrupted()) {
                return new Run(sent, run.failed());
            }
        }
        return new Run(sent, 0);
    }

    /**
     * One claimed batch, in waves: each wave confirms the rows still to send and starts their e-mails
     * only while the renewed claim leaves time for them to finish; what a wave had no time for is
     * confirmed again by the next.
     */
    private Run sendBatch(List<DeliveryQueue.Claimed> batch, String holder, Map<UUID, NoticeCampaign> known) {
        Map<String, String> addresses = queue.addresses(batch);
        List<DeliveryQueue.Claimed> withoutAddress = batch.stream()
                .filter(delivery -> !addresses.containsKey(delivery.profileId())).toList();
        List<DeliveryQueue.Claimed> remaining = batch.stream()
                .filter(delivery -> addresses.containsKey(delivery.profileId())).toList();
        int sent = 0;
        while (!remaining.isEmpty() || !withoutAddress.isEmpty()) {
            long confirmedAt = System.nanoTime();
            List<DeliveryQueue.Claimed> mine = queue.confirm(remaining, withoutAddress, holder);
            withoutAddress = List.of();
            Wave wave = send(mine, addresses, known, holder, confirmedAt + launchWindow().toNanos());
            record(wave, holder, known);
            sent += wave.sent().size();
            if (wave.failure() != null || wave.interrupted() || wave.error() != null) {
                List<DeliveryQueue.Claimed> back = new ArrayList<>(wave.notStarted());
                wave.failed().stream().filter(delivery -> wave.failure() == null || delivery != wave.failure().delivery())
                        .forEach(back::add);
                queue.release(back, holder);
                if (wave.error() != null) {
                    throw wave.error();
                }
                return new Run(sent, wave.failure() == null ? 0 : 1);
            }
            remaining = wave.notStarted();
        }
        return new Run(sent, 0);
    }

    /**
     * How long after a confirmation e-mails may still be started: each may take up to
     * {@code send-timeout}, and must be done before the claim lapses.
     */
    private Duration launchWindow() {
        Duration lease = config.campaigns().claimLease();
        Duration window = lease.minus(config.campaigns().sendTimeout());
        return window.compareTo(lease.dividedBy(2)) < 0 ? lease.dividedBy(2) : window;
    }

    /** An e-mail the SMTP server did not take. */
    private record Failure(DeliveryQueue.Claimed delivery, Throwable cause) {
    }

    /**
     * What a wave did: the e-mails sent, those that failed (the first of them, in time, as
     * {@code failure}), those not started; {@code error} when something else than the SMTP server failed.
     */
    private record Wave(List<DeliveryQueue.Claimed> sent, List<DeliveryQueue.Claimed> failed, Failure failure,
                        List<DeliveryQueue.Claimed> notStarted, boolean interrupted, RuntimeException error) {
    }

    /**
     * Starts the e-mails one after the other, paced, at most {@code send-concurrency} at once, and waits for
     * them. They are handed over {@code send-concurrency} at a time just before they start, so a replica
     * that stops leaves in doubt only those it had started or was about to start (at most twice
     * {@code send-concurrency}); one another replica has taken meanwhile, or whose address another
     * profile's e-mail of the campaign took, is skipped.
     */
    private Wave send(List<DeliveryQueue.Claimed> deliveries, Map<String, String> addresses,
                      Map<UUID, NoticeCampaign> known, String holder, long startBy) {
        int concurrency = Math.max(1, config.campaigns().sendConcurrency());
        Duration timeout = config.campaigns().sendTimeout();
        Semaphore slots = new Semaphore(concurrency);
        Queue<DeliveryQueue.Claimed> sent = new ConcurrentLinkedQueue<>();
        Queue<DeliveryQueue.Claimed> failed = new ConcurrentLinkedQueue<>();
        AtomicReference<Failure> failure = new AtomicReference<>();
        boolean interrupted = false;
        RuntimeException error = null;
        int next = 0;
        int handedOverUpTo = 0;
        Set<DeliveryQueue.Claimed> handedOver = Set.of();
        try {
            for (; next < deliveries.size(); next++) {
                // At least one e-mail a wave, so that a batch always moves on.
                if (failure.get() != null || (next > 0 && System.nanoTime() - startBy > 0)) {
                    break;
                }
                if (next == handedOverUpTo) {
                    handedOverUpTo = Math.min(deliveries.size(), next + concurrency);
                    try {
                        handedOver = Set.copyOf(queue.handOver(deliveries.subList(next, handedOverUpTo), addresses, holder));
                    } catch (RuntimeException e) {
                        error = e;
                        break;
                    }
                }
                DeliveryQueue.Claimed delivery = deliveries.get(next);
                if (!handedOver.contains(delivery)) {
                    continue;
                }
                pacer.await();
                slots.acquire();
                if (failure.get() != null) {
                    slots.release();
                    break;
                }
                try {
                    NoticeCampaign campaign = known.computeIfAbsent(delivery.campaignId(), campaigns::find);
                    NoticeRenderer.Notice notice = delivery.channel() == DeliveryChannel.OBJECTION_RECEIPT
                            ? receipt(delivery)
                            : renderer.render(campaign, delivery.language(),
                                    links.url(delivery.profileId(), campaign.purposeCode, delivery.language()));
                    Mail mail = Mail.withText(addresses.get(delivery.profileId()), notice.subject(), notice.text())
                            .setHtml(notice.html());
                    Uni<Void> sending;
                    try {
                        sending = mailer.send(mail);
                    } catch (IllegalArgumentException refused) {
                        // An address the mailer refuses is this e-mail's failure, recorded as an SMTP refusal is.
                        failed.add(delivery);
                        failure.compareAndSet(null, new Failure(delivery, refused));
                        slots.release();
                        next++;
                        break;
                    }
                    // Bounded well within the claim's lease, so a stalled SMTP session never outlives the claim.
                    sending.ifNoItem().after(timeout).fail().subscribe().with(done -> {
                        sent.add(delivery);
                        slots.release();
                    }, e -> {
                        failed.add(delivery);
                        failure.compareAndSet(null, new Failure(delivery, e));
                        slots.release();
                    });
                } catch (RuntimeException e) {
                    slots.release();
                    error = e;
                    next++; // left to its lease, as before: it is not handed back to fail again at once
                    break;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        // Every e-mail started ends within its timeout: wait for all of them.
        slots.acquireUninterruptibly(concurrency);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new Wave(List.copyOf(sent), List.copyOf(failed), failure.get(),
                List.copyOf(deliveries.subList(Math.min(next, deliveries.size()), deliveries.size())), interrupted,
                error);
    }

    /** The e-mails sent and the first failure of a wave, in one transaction. */
    private void record(Wave wave, String holder, Map<UUID, NoticeCampaign> known) {
        if (wave.sent().isEmpty() && wave.failure() == null) {
            return;
        }
        Map<UUID, List<DeliveryQueue.Claimed>> byCampaign = new LinkedHashMap<>();
        wave.sent().forEach(delivery -> byCampaign.computeIfAbsent(delivery.campaignId(), id -> new ArrayList<>())
                .add(delivery));
        Failure failure = wave.failure();
        String reason = failure == null ? null : reason(failure.cause());
        if (failure != null) {
            // The SMTP server's answer may quote the address: only its reply code is kept and logged.
            LOG.warnf("notice e-mail of campaign %s failed (attempt %d): %s", failure.delivery().campaignId(),
                    failure.delivery().attempts(), reason);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            byCampaign.forEach((id, deliveries) -> queue.sent(known.get(id), deliveries, holder));
            if (failure != null) {
                DeliveryQueue.Claimed delivery = failure.delivery();
                NoticeCampaign campaign = known.get(delivery.campaignId());
                queue.failed(delivery, holder);
                records.record(campaign.id, delivery.profileId(), delivery.channel(), NoticeRecords.FAILED,
                        campaign.noticeHash(delivery.language()), delivery.language(), reason);
            }
        });
    }

    private NoticeRenderer.Notice receipt(DeliveryQueue.Claimed delivery) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LedgerRecord objection = LedgerRecord.findById(delivery.recordId());
            Purpose purpose = Purpose.findById(objection.purposeCode);
            return renderer.receipt(objection, purpose.name, delivery.language());
        });
    }

    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        Matcher reply = SMTP_REPLY.matcher(String.valueOf(cause.getMessage()));
        return "smtp: " + cause.getClass().getSimpleName() + (reply.find() ? " " + reply.group(1) : "");
    }
}
