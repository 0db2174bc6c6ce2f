package io.firstparty.ingestion.service;

import io.firstparty.kit.problem.InvalidInputException;
import io.firstparty.kit.problem.PayloadTooLargeException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes a request body's {@code Content-Encoding}: gzip (RudderStack's server SDKs compress every
 * batch), deflate, or none. Inflating stops as soon as the result passes the limit, so a
 * decompression bomb costs at most the limit in memory, never its full size.
 */
final class ContentEncoding {

    static final String HEADER = "/headers/Content-Encoding";
    private static final String ACCEPTED = "gzip, deflate or identity";

    private ContentEncoding() {
    }

    /**
     * @param encoding the Content-Encoding header, or null
     * @param limit    the most bytes the inflated body may have
     */
    static byte[] decode(byte[] body, String encoding, int limit) {
        String name = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "identity" -> {
                if (isGzip(body)) {
                    throw new UnsupportedContentException(HEADER,
                            "the body is gzip-compressed, so Content-Encoding must say gzip");
                }
                yield body;
            }
            case "gzip", "x-gzip" -> {
                if (!isGzip(body)) {
                    throw new InvalidInputException("/", "Content-Encoding says gzip, but the body is not gzip data");
                }
                yield inflate(body, limit, "gzip");
            }
            case "deflate" -> inflate(body, limit, "deflate");
            default -> throw new UnsupportedContentException(HEADER,
                    name.contains(",") ? "must name one encoding: " + ACCEPTED : "must be " + ACCEPTED);
        };
    }

    private static boolean isGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    /** HTTP's deflate is zlib-wrapped, but some clients send the raw stream: the zlib header tells them apart. */
    private static boolean isZlib(byte[] body) {
        return body.length >= 2 && (body[0] & 0x0f) == 8 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
    }

    private static byte[] inflate(byte[] body, int limit, String encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, body.length * 4) + 1);
        byte[] chunk = new byte[8192];
        Inflater inflater = new Inflater(!"gzip".equals(encoding) && !isZlib(body));
        try (InputStream in = "gzip".equals(encoding)
                ? new GZIPInputStream(new ByteArrayInputStream(body), chunk.length)
                : new InflaterInputStream(new ByteArrayInputStream(body), inflater, chunk.length)) {
            for (int read; (read = in.read(chunk)) >= 0; ) {
                if (out.size() + read > limit) {
                    throw new PayloadTooLargeException("/", "the " + encoding + " body inflates past "
                            + limit + " bytes, the most this endpoint takes");
                }
                out.write(chunk, 0, read);
            }
        } catch (IOException e) {
            throw new InvalidInputException("/", "Content-Encoding says " + encoding
                    + ", but the body is not complete, valid " + encoding + " data");
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
