import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An SMTP server that takes every e-mail, reads it whole and keeps, per recipient, how many it got:
 * the campaign phase's stand-in for the mail servers of 100,000 people. GreenMail files each message
 * into a per-recipient mailbox found by a linear search over all mailboxes, so with 100,000 distinct
 * recipients its own CPU time per message grows with the campaign and the figure would measure it
 * rather than the platform; this server answers in constant time per message.
 * GET http://127.0.0.1:HTTP_PORT/counts answers
 * {@code messages=<e-mails> recipients=<addresses with at least one> duplicates=<e-mails beyond the first per address> bytes=<message bytes>}.
 * Usage: java SmtpSink.java SMTP_PORT HTTP_PORT
 */
public class SmtpSink {

    private static final ConcurrentHashMap<String, Integer> PER_ADDRESS = new ConcurrentHashMap<>();
    private static final LongAdder MESSAGES = new LongAdder();
    private static final AtomicLong BYTES = new AtomicLong();

    public static void main(String[] args) throws Exception {
        int smtpPort = Integer.parseInt(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        ServerSocket smtp = new ServerSocket(smtpPort, 128, InetAddress.getLoopbackAddress());
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext("/counts", exchange -> {
            long messages = MESSAGES.sum();
            long recipients = PER_ADDRESS.size();
            byte[] body = ("messages=" + messages + " recipients=" + recipients + " duplicates=" + (messages - recipients)
                    + " bytes=" + BYTES.get() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
        System.out.println("SmtpSink: SMTP on 127.0.0.1:" + smtpPort + ", counts on http://127.0.0.1:" + httpPort + "/counts");
        while (true) {
            Socket client = smtp.accept();
            Thread session = new Thread(() -> session(client), "smtp-session");
            session.setDaemon(true);
            session.start();
        }
    }

    /** One SMTP session (RFC 5321), without extensions: each command is answered before the next is read. */
    private static void session(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
             Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 localhost SMTP sink");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 localhost");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(address(line));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        if (recipients.isEmpty()) {
                            reply(out, "503 no recipients");
                            continue;
                        }
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        long bytes = 0;
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            bytes += line.length() + 2;
                        }
                        BYTES.addAndGet(bytes);
                        for (String recipient : recipients) {
                            MESSAGES.increment();
                            PER_ADDRESS.merge(recipient, 1, Integer::sum);
                        }
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 command not implemented");
                }
            }
        } catch (IOException e) {
            // The client went away: its session ends.
        }
    }

    private static String address(String rcpt) {
        int open = rcpt.indexOf('<');
        int close = rcpt.indexOf('>', open + 1);
        String address = open >= 0 && close > open ? rcpt.substring(open + 1, close) : rcpt.substring(rcpt.indexOf(':') + 1);
        return address.trim().toLowerCase(Locale.ROOT);
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line);
        out.write("\r\n");
        out.flush();
    }
}
