package io.firstparty.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The Segment track messages of the benchmark, written once as JSON lines in which the message id
 * is the placeholder {@value #MESSAGE_ID}: wrk's Lua script puts a distinct id there for every
 * message it sends, and the raw producer builds the same records from the same lines.
 *
 * <p>Each line is about 500 bytes, shaped like what analytics.js sends for a shop's events: an
 * event name, product properties, page context, user agent, consent preferences. About two thirds
 * carry a userId and an anonymousId, the rest only an anonymousId (visitors not logged in).
 */
final class Messages {

    static final String MESSAGE_ID = "@MID@";
    /** What the Lua script puts in place of the placeholder, so the templates are sized with it. */
    static final String TYPICAL_ID = "bench-1763829000-1-000000123456";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] EVENTS = {
            "Product Viewed", "Product Added", "Product Removed", "Cart Viewed", "Checkout Started",
            "Order Completed", "Newsletter Signed Up", "Quiz Answered", "Loyalty Card Scanned", "Coupon Applied"};
    private static final String[][] PRODUCTS = {
            {"Organic oat drink 1 L", "Dairy alternatives", "Green Fields"},
            {"Sourdough country loaf 800 g", "Bakery", "Maison Lenoir"},
            {"Arabica coffee beans 1 kg", "Coffee and tea", "Alto Roasters"},
            {"Extra virgin olive oil 75 cl", "Pantry", "Oliveraie du Sud"},
            {"Dark chocolate 85% 100 g", "Confectionery", "Cacao Nord"},
            {"Sparkling mineral water 6 x 1 L", "Drinks", "Source Claire"},
            {"Free-range eggs x 12", "Fresh", "Ferme des Prés"},
            {"Basmati rice 2 kg", "Pantry", "Himal Foods"},
    };
    private static final String[] AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/15E148",
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Firefox/133.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15",
    };

    private Messages() {
    }

    /**
     * @param count how many distinct templates (they are cycled through)
     * @param users how many distinct userIds; anonymousIds are twice as many
     */
    static List<String> generate(int count, int users, long seed) {
        Random random = new Random(seed);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int person = random.nextInt(users * 2);
            String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
            String sku = String.format(Locale.ROOT, "SKU-%05d", random.nextInt(100_000));
            String slug = product[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");

            ObjectNode message = JSON.createObjectNode();
            message.put("type", "track");
            message.put("messageId", MESSAGE_ID);
            if (person < users) {
                message.put("userId", String.format(Locale.ROOT, "cust-%06d", person));
            }
            message.put("anonymousId", anonymousId(seed, person));
            message.put("event", EVENTS[random.nextInt(EVENTS.length)]);
            message.put("timestamp", now.minusMillis(random.nextInt(60_000)).toString());
            ObjectNode properties = message.putObject("properties");
            properties.put("product_id", sku);
            properties.put("name", product[0]);
            properties.put("category", product[1]);
            properties.put("price", (random.nextInt(2000) + 99) / 100.0);
            properties.put("quantity", 1 + random.nextInt(4));
            ObjectNode context = message.putObject("context");
            ObjectNode page = context.putObject("page");
            page.put("path", "/p/" + slug);
            context.put("userAgent", AGENTS[random.nextInt(AGENTS.length)]);
            ObjectNode consent = context.putObject("consent").putObject("categoryPreferences");
            consent.put("analytics", true);
            consent.put("advertising", random.nextBoolean());
            lines.add(message.toString());
        }
        return lines;
    }

    /** A random-looking but stable (version 4 shaped) UUID per person. */
    private static String anonymousId(long seed, int person) {
        Random ids = new Random(seed * 1_000_003L + person);
        long high = (ids.nextLong() & ~0xF000L) | 0x4000L;
        long low = (ids.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new java.util.UUID(high, low).toString();
    }

    static void write(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    static List<String> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IOException("no message in " + file);
        }
        return lines;
    }

    /** The template with a real message id, parsed. */
    static JsonNode parse(String template, String messageId) throws IOException {
        return JSON.readTree(template.replace(MESSAGE_ID, messageId));
    }

    static int typicalSize(String template) {
        return template.replace(MESSAGE_ID, TYPICAL_ID).getBytes(StandardCharsets.UTF_8).length;
    }
}
