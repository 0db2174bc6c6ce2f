package io.firstparty.consent.campaigns.service;

import io.firstparty.consent.campaigns.domain.DeliveryChannel;
import io.firstparty.consent.campaigns.domain.NoticeCampaign;
import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.ledger.domain.LedgerRecord;
import io.firstparty.consent.objection.service.ObjectionLinks;
import io.firstparty.consent.people.service.Contacts;
import io.firstparty.consent.purposes.domain.Purpose;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the campaigns' e-mails from the delivery rows, on every replica at once: each claims its own
 * rows, paces itself to the configured rate and records every e-mail sent or failed with the notice
 * version. When the SMTP server fails, the e-mail is recorded failed (tried again later) and the rest
 * of the batch is handed back, so the campaign resumes once the server is back. Receipts of
 * objections go out the same way.
 */
@ApplicationScoped
public class NoticeSender {

    private static final Logger LOG = Logger.getLogger(NoticeSender.class);
    private static final Pattern SMTP_REPLY = Pattern.compile("\\b([45]\\d\\d)\\b");

    private final DeliveryQueue queue;
    private final Campaigns campaigns;
    private final NoticeRenderer renderer;
    private final NoticeRecords records;
    private final ObjectionLinks links;
    private final Contacts contacts;
    private final ReactiveMailer mailer;
    private final ConsentConfig config;
    private final Pacer pacer;
    private final String replica = UUID.randomUUID().toString();

    NoticeSender(DeliveryQueue queue, Campaigns campaigns, NoticeRenderer renderer, NoticeRecords records,
                 ObjectionLinks links, Contacts contacts, ReactiveMailer mailer, ConsentConfig config) {
        this.queue = queue;
        this.campaigns = campaigns;
        this.renderer = renderer;
        this.records = records;
        this.links = links;
        this.contacts = contacts;
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
            for (int i = 0; i < batch.size(); i++) {
                DeliveryQueue.Claimed delivery = batch.get(i);
                NoticeCampaign campaign = known.computeIfAbsent(delivery.campaignId(), campaigns::find);
                try {
                    if (send(campaign, delivery, holder)) {
                        sent++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    queue.release(batch.subList(i, batch.size()), holder);
                    return new Run(sent, 0);
                } catch (SmtpFailure e) {
                    failed(campaign, delivery, holder, e.getCause());
                    queue.release(batch.subList(i + 1, batch.size()), holder);
                    return new Run(sent, 1);
                }
            }
        }
        return new Run(sent, 0);
    }

    /** @return whether an e-mail went out (false when the row was lost to another replica or has no address now) */
    private boolean send(NoticeCampaign campaign, DeliveryQueue.Claimed delivery, String holder)
            throws InterruptedException {
        Optional<String> address = contacts.of(delivery.profileId()).map(Contacts.Contact::email);
        if (address.isEmpty()) {
            queue.noAddress(delivery, holder);
            return false;
        }
        pacer.await();
        if (!queue.confirm(delivery, holder)) {
            return false;
        }
        NoticeRenderer.Notice notice = delivery.channel() == DeliveryChannel.OBJECTION_RECEIPT
                ? receipt(delivery)
                : renderer.render(campaign, delivery.language(),
                        links.url(delivery.profileId(), campaign.purposeCode, delivery.language()));
        try {
            // Bounded well within the claim's lease, so a stalled SMTP session never outlives the claim.
            mailer.send(Mail.withText(address.get(), notice.subject(), notice.text()).setHtml(notice.html()))
                    .await().atMost(config.campaigns().sendTimeout());
        } catch (RuntimeException e) {
            throw new SmtpFailure(e);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            queue.sent(delivery, holder);
            records.record(campaign.id, delivery.profileId(), delivery.channel(), NoticeRecords.SENT,
                    campaign.noticeHash(delivery.language()), delivery.language(), null);
        });
        return true;
    }

    private NoticeRenderer.Notice receipt(DeliveryQueue.Claimed delivery) {
        return QuarkusTransaction.requiringNew().call(() -> {
            LedgerRecord objection = LedgerRecord.findById(delivery.recordId());
            Purpose purpose = Purpose.findById(objection.purposeCode);
            return renderer.receipt(objection, purpose.name, delivery.language());
        });
    }

    private void failed(NoticeCampaign campaign, DeliveryQueue.Claimed delivery, String holder, Throwable e) {
        String reason = reason(e);
        // The SMTP server's answer may quote the address: only its reply code is kept and logged.
        LOG.warnf("notice e-mail of campaign %s failed (attempt %d): %s", campaign.id, delivery.attempts(), reason);
        QuarkusTransaction.requiringNew().run(() -> {
            queue.failed(delivery, holder);
            records.record(campaign.id, delivery.profileId(), delivery.channel(), NoticeRecords.FAILED,
                    campaign.noticeHash(delivery.language()), delivery.language(), reason);
        });
    }

    /** The SMTP server did not take the e-mail; anything else failing is not the e-mail's fault. */
    private static final class SmtpFailure extends RuntimeException {
        SmtpFailure(RuntimeException cause) {
            super(cause);
        }
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
