package io.firstparty.consent;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.firstparty.kit.testing.Eventually.within;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMTP server the service sends to in the tests (GreenMail on {@link TestSmtpPort}), and what it received. */
final class TestInbox implements AutoCloseable {

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/v1/objections/[A-Za-z0-9_./-]+)");

    private final GreenMail server;

    private TestInbox(GreenMail server) {
        this.server = server;
    }

    static TestInbox start() {
        GreenMail server = new GreenMail(new ServerSetup(TestSmtpPort.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return new TestInbox(server);
    }

    @Override
    public void close() {
        server.stop();
    }

    /** An e-mail's subject and its plain-text and HTML parts, decoded. */
    record Mail(String subject, String text, String html) {

        /** The path of the objection link the plain text carries. */
        String link() {
            Matcher link = LINK.matcher(text);
            assertTrue(link.find(), "no objection link in:\n" + text);
            return link.group(1);
        }

        /** The e-mail's subject and its text parts, found also inside a nested multipart. */
        static Mail of(MimeMessage message) {
            try {
                String text = null;
                String html = null;
                MimeMultipart parts = (MimeMultipart) message.getContent();
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        text = (String) part.getContent();
                    } else if (part.isMimeType("text/html")) {
                        html = (String) part.getContent();
                    } else if (part.getContent() instanceof MimeMultipart nested) {
                        for (int j = 0; j < nested.getCount(); j++) {
                            BodyPart inner = nested.getBodyPart(j);
                            if (inner.isMimeType("text/plain")) {
                                text = (String) inner.getContent();
                            } else if (inner.isMimeType("text/html")) {
                                html = (String) inner.getContent();
                            }
                        }
                    }
                }
                return new Mail(message.getSubject(), text, html);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    List<Mail> to(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(message -> addressedTo(message, address))
                .map(Mail::of).toList();
    }

    /** Waits for an e-mail to the address whose subject starts so. */
    Mail await(String address, String subjectStart, Duration within) {
        Mail[] found = new Mail[1];
        within(within, () -> {
            List<Mail> mails = to(address).stream().filter(mail -> mail.subject().startsWith(subjectStart)).toList();
            assertFalse(mails.isEmpty(), "no e-mail \"" + subjectStart + "...\" yet");
            found[0] = mails.get(mails.size() - 1);
        });
        return found[0];
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(to -> to.toString().equalsIgnoreCase(address));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
