package io.firstparty.consent.selfservice.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.firstparty.consent.access.rest.AccessStatus;
import io.firstparty.consent.access.service.AccessRequests;
import io.firstparty.consent.config.ConsentConfig;
import io.firstparty.consent.erasure.service.ErasureRequests;
import io.firstparty.consent.ledger.domain.Channel;
import io.firstparty.consent.objectionrequests.service.ObjectionRequests;
import io.firstparty.consent.persistence.Sha256;
import io.firstparty.consent.requests.domain.RequestProgress;
import io.firstparty.consent.requests.service.RequestSubjects;
import io.firstparty.consent.selfservice.domain.PersonRequest;
import io.firstparty.consent.selfservice.rest.Confirmation;
import io.firstparty.consent.selfservice.rest.PersonRequestBody;
import io.firstparty.consent.signing.LinkSigner;
import io.firstparty.contracts.identity.Identifier;
import io.firstparty.contracts.identity.IdentifierNormalizer;
import io.firstparty.contracts.identity.IdentifierType;
import io.firstparty.kit.identity.IdentifierParameter;
import io.firstparty.kit.problem.AccessDeniedException;
import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.PayloadTooLargeException;
import io.firstparty.kit.problem.RateLimitedException;
import io.firstparty.kit.problem.ResourceNotFoundException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Requests people make themselves (access, portability, erasure, objection), verified by a link sent
 * to an address they hold. The public form always answers the same, whether the address is known or
 * not, and sends the link to whoever holds the address; following it files the request by that
 * address. An access archive is sent as a signed, expiring link to the same address, and the link
 * opens only that request's archive. Addresses and tokens are never logged.
 */
@ApplicationScoped
public class PersonRequests {

    /** The one answer of the public form. */
    public static final String ANSWER = "If this address can receive e-mail, a link to confirm the request is on its way. "
            + "The request is made once the link is followed.";
    public static final Set<String> TYPES = Set.of("access", "portability", "erasure", "objection");
    private static final String REQUESTED_BY = "person (address confirmed)";
    private static final Logger LOG = Logger.getLogger(PersonRequests.class);

    private final ConsentConfig config;
    private final LinkSigner signer;
    private final IdentifierNormalizer normalizer;
    private final AccessRequests access;
    private final ErasureRequests erasures;
    private final ObjectionRequests objections;
    private final RequestSubjects subjects;
    private final ReactiveMailer mailer;
    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    PersonRequests(ConsentConfig config, IdentifierNormalizer normalizer, AccessRequests access,
                   ErasureRequests erasures, ObjectionRequests objections, RequestSubjects subjects, ReactiveMailer mailer,
                   EntityManager entityManager, ObjectMapper mapper) {
        this.config = config;
        this.signer = signer(config.personRequests().secret());
        this.normalizer = normalizer;
        this.access = access;
        this.erasures = erasures;
        this.objections = objections;
        this.subjects = subjects;
        this.mailer = mailer;
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /**
     * Checks the request, counts it against the client's and the address's hourly allowance, keeps it
     * and e-mails the confirmation link. Known or not, the address gets the same e-mail and the caller
     * the same answer.
     */
    @Transactional
    public void submit(String rawBody, String client) {
        if (rawBody == null || rawBody.isBlank()) {
            throw new InvalidInputException("", "a JSON body with email and type is required");
        }
        if (rawBody.getBytes(StandardCharsets.UTF_8).length > config.personRequests().maxBody()) {
            throw new PayloadTooLargeException("", "at most " + config.personRequests().maxBody() + " bytes");
        }
        PersonRequestBody body;
        try {
            body = mapper.readValue(rawBody, PersonRequestBody.class);
        } catch (IOException e) {
            throw new InvalidInputException("", "is not a JSON object with email and type");
        }
        if (body.type() == null || !TYPES.contains(body.type())) {
            throw new InvalidInputException("/type", "is one of access, portability, erasure, objection");
        }
        if (body.email() == null || body.email().isBlank() || body.email().length() > 320) {
            throw new InvalidInputException("/email", "is required, an e-mail address");
        }
        Identifier email = IdentifierParameter.parse("/email", "email:" + body.email(), normalizer);
        String purposes = null;
        if ("objection".equals(body.type()) && body.purposes() != null && !body.purposes().isEmpty()) {
            objections.purposesOf(body.purposes());
            purposes = String.join(",", body.purposes());
        } else if (body.purposes() != null && !body.purposes().isEmpty()) {
            throw new InvalidInputException("/purposes", "only an objection names purposes");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        allow("client:" + Sha256.hex(client == null ? "unknown" : client), config.personRequests().perClientPerHour(), now);
        allow("address:" + email.hash(), config.personRequests().perAddressPerHour(), now);

        PersonRequest request = new PersonRequest();
        request.id = UUID.randomUUID().toString();
        request.type = body.type();
        request.email = email.value();
        request.emailHash = email.hash();
        request.purposes = purposes;
        request.language = "fr".equals(body.language()) ? "fr" : "en";
        request.createdAt = now;
        request.expiresAt = now.plus(config.personRequests().confirmValidity());
        request.persist();
        String link = config.campaigns().publicUrl() + "/v1/privacy-requests/confirm/"
                + signer.sign(List.of("confirm", request.id), request.expiresAt);
        send(email.value(), "fr".equals(request.language) ? "Confirmez votre demande" : "Confirm your privacy request",
                confirmText(request, link));
    }

    /** Files the request the link confirms; following it again answers the same without filing twice. */
    @Transactional
    public Confirmation confirm(String token) {
        List<String> fields = signer.read(token, Instant.now(), "/token");
        if (fields.size() != 2 || !"confirm".equals(fields.get(0))) {
            throw new InvalidInputException("/token", "is not a confirmation link");
        }
        PersonRequest request = PersonRequest.findById(fields.get(1), LockModeType.PESSIMISTIC_WRITE);
        if (request == null) {
            throw new ResourceNotFoundException("no request waits for this link");
        }
        if (request.confirmedAt != null) {
            return confirmation(request);
        }
        // The request concerns everyone holding the address, as a request by identifier does.
        RequestSubjects.Subject subject = subjects.of(new Identifier(IdentifierType.EMAIL, request.email));
        switch (request.type) {
            case "access", "portability" ->
                    request.filedRequestId = access.file(request.type, subject, REQUESTED_BY).id();
            case "erasure" -> {
                request.filedRequestId = erasures.file(subject, REQUESTED_BY).id();
                request.email = null;
            }
            default -> {
                request.filedRequestId = subject.people().isEmpty() ? null : objections.file(subject.people(),
                        objections.purposesOf(request.purposes == null ? null : Arrays.asList(request.purposes.split(","))),
                        Channel.EMAIL_LINK, REQUESTED_BY).id();
                request.email = null;
            }
        }
        request.confirmedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return confirmation(request);
    }

    /** The archive a download link opens: only the request it was issued for, to the address that asked. */
    @Transactional
    public String archive(String token) {
        List<String> fields = signer.read(token, Instant.now(), "/token");
        if (fields.size() != 4 || !"archive".equals(fields.get(0))) {
            throw new InvalidInputException("/token", "is not an archive link");
        }
        PersonRequest request = PersonRequest.findById(fields.get(1));
        if (request == null || request.filedRequestId == null || !request.filedRequestId.equals(fields.get(2))
                || !request.emailHash.equals(fields.get(3))) {
            throw new AccessDeniedException("this link does not open this archive");
        }
        return access.archive(request.filedRequestId);
    }

    @Scheduled(every = "${firstparty.consent.person-requests.deliver-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, delayed = "10s")
    void scheduled() {
        int sent = deliverArchives();
        if (sent > 0) {
            LOG.infof("%d access archive links sent", sent);
        }
    }

    /**
     * E-mails the archive link of every confirmed access request that is complete, to the address that
     * asked, then forgets the address. Rows are claimed with {@code SKIP LOCKED}, so replicas share them.
     * Unconfirmed requests whose link expired are deleted, and so are past hours' attempt counts.
     */
    @Transactional
    public int deliverArchives() {
        // Requests never confirmed are forgotten, address and all, once their link has expired.
        PersonRequest.delete("confirmedAt is null and expiresAt < ?1", Instant.now());
        entityManager.createNativeQuery("DELETE FROM person_request_attempt WHERE window_start < ?1")
                .setParameter(1, Instant.now().minus(Duration.ofHours(2))).executeUpdate();
        List<PersonRequest> waiting = PersonRequest.<PersonRequest>find(
                        "archiveSentAt is null and confirmedAt is not null and email is not null and type in ?1",
                        List.of("access", "portability"))
                .withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", -2)
                .page(0, 50).list();
        int sent = 0;
        for (PersonRequest request : waiting) {
            AccessStatus status = access.status(request.filedRequestId);
            if (!RequestProgress.COMPLETE.equals(status.status())) {
                continue;
            }
            Instant expiresAt = Instant.now().plus(config.personRequests().archiveValidity()).truncatedTo(ChronoUnit.SECONDS);
            String link = config.campaigns().publicUrl() + "/v1/privacy-requests/archive/"
                    + signer.sign(List.of("archive", request.id, request.filedRequestId, request.emailHash), expiresAt);
            if (send(request.email, "fr".equals(request.language) ? "Vos données sont prêtes" : "Your data is ready",
                    archiveText(request, link, expiresAt))) {
                request.archiveSentAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                request.email = null;
                sent++;
            }
        }
        return sent;
    }

    /** Counts one attempt in the bucket's current hour; past the allowance, 429 until the hour ends. */
    private void allow(String bucket, int perHour, Instant now) {
        Instant window = now.truncatedTo(ChronoUnit.HOURS);
        int attempts = ((Number) entityManager.createNativeQuery("""
                        INSERT INTO person_request_attempt (bucket, window_start, attempts) VALUES (?1, ?2, 1)
                        ON CONFLICT (bucket, window_start) DO UPDATE SET attempts = person_request_attempt.attempts + 1
                        RETURNING attempts""")
                .setParameter(1, bucket).setParameter(2, window).getSingleResult()).intValue();
        if (attempts > perHour) {
            throw new RateLimitedException("too many requests; try again later",
                    Duration.between(now, window.plus(1, ChronoUnit.HOURS)).plusSeconds(1));
        }
    }

    private boolean send(String to, String subject, String text) {
        try {
            mailer.send(Mail.withText(to, subject, text)).await().atMost(config.campaigns().sendTimeout());
            return true;
        } catch (RuntimeException e) {
            // Neither the address nor the link is logged.
            LOG.warnf("A privacy request e-mail could not be sent (%s)", e.getClass().getSimpleName());
            return false;
        }
    }

    private static Confirmation confirmation(PersonRequest request) {
        return new Confirmation(request.type, request.filedRequestId == null ? "nothing_held" : "filed",
                request.filedRequestId);
    }

    private static String confirmText(PersonRequest request, String link) {
        if ("fr".equals(request.language)) {
            return "Bonjour,\n\nUne demande (" + request.type + ") concernant les données liées à cette adresse a été faite.\n"
                    + "Pour la confirmer, ouvrez ce lien avant le " + request.expiresAt.truncatedTo(ChronoUnit.MINUTES)
                    + " (UTC) :\n\n" + link + "\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n";
        }
        return "Hello,\n\nSomeone asked for " + request.type + " of the data held about this address.\n"
                + "To confirm the request, open this link before " + request.expiresAt.truncatedTo(ChronoUnit.MINUTES)
                + " (UTC):\n\n" + link + "\n\nIf you did not ask, ignore this e-mail: nothing happens without the link.\n";
    }

    private static String archiveText(PersonRequest request, String link, Instant expiresAt) {
        if ("fr".equals(request.language)) {
            return "Bonjour,\n\nLes données que nous détenons à votre sujet sont prêtes. Téléchargez-les avant le "
                    + expiresAt + " (UTC) :\n\n" + link + "\n";
        }
        return "Hello,\n\nThe data held about you is ready. Download it before " + expiresAt + " (UTC):\n\n" + link + "\n";
    }

    /** Labelled, so that no link signed for an objection can pass for a person's request, even under one key. */
    public static LinkSigner signer(String secret) {
        return new LinkSigner(secret + "|person-requests");
    }
}
