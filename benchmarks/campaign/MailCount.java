import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GreenMail (the SMTP server ./firstparty up runs, from Maven Central) embedded, with a counter of what
 * it received: GET http://127.0.0.1:HTTP_PORT/counts answers
 * {@code messages=<all e-mails> recipients=<addresses with at least one> duplicates=<e-mails beyond the first per address>}.
 * Authentication is off, so every recipient gets a mailbox; counting reads each stored e-mail's To
 * header once. Usage: java -cp greenmail-standalone.jar MailCount.java SMTP_PORT HTTP_PORT
 */
public class MailCount {

    public static void main(String[] args) throws Exception {
        int smtpPort = Integer.parseInt(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext("/counts", exchange -> {
            long messages = 0;
            Map<String, Integer> perAddress = new HashMap<>();
            try {
                // One pass over every stored e-mail (a lookup per mailbox would cost O(people) each).
                for (StoredMessage message : mail.getManagers().getImapHostManager().getAllMessages()) {
                    messages++;
                    String to = message.getMimeMessage().getHeader("To", ",");
                    perAddress.merge(to == null ? "" : to.trim().toLowerCase(Locale.ROOT), 1, Integer::sum);
                }
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            long recipients = perAddress.size();
            long duplicates = messages - recipients;
            byte[] body = ("messages=" + messages + " recipients=" + recipients + " duplicates=" + duplicates + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(mail.isRunning() ? 200 : 503, -1);
            exchange.close();
        });
        http.start();
        System.out.println("MailCount: SMTP on 127.0.0.1:" + smtpPort + ", counts on http://127.0.0.1:" + httpPort + "/counts");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            mail.stop();
        }));
        Thread.currentThread().join();
    }
}
