package io.firstparty.ingestion.rest;

import io.firstparty.ingestion.TestSources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static io.firstparty.kit.testing.Eventually.within;
import static io.firstparty.kit.testing.ServiceBasicsTest.PROBLEM_JSON;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compressed bodies as SDKs send them are read; broken, hostile or mislabelled ones get a 4xx
 * problem naming the rule, never a 500.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class CompressedBodyTest {

    private static final String BATCH = """
            {"batch": [{"type": "track", "userId": "zip-user", "event": "Quiz Completed"},
                       {"type": "identify", "userId": "zip-user", "traits": {"email": "Zip@Example.com"}}]}""";

    private TestSources source;

    @BeforeEach
    void freshSource() {
        source = TestSources.create();
    }

    @Test
    void gzipAndDeflateBatchesAreStored() {
        source.collect().header("Content-Encoding", "gzip").body(gzip(BATCH.getBytes(StandardCharsets.UTF_8)))
                .post("/v1/batch").then().statusCode(200).body("accepted", equalTo(2));
        source.collect().header("Content-Encoding", "deflate").body(deflate(BATCH.getBytes(StandardCharsets.UTF_8)))
                .post("/v1/batch").then().statusCode(200).body("accepted", equalTo(2));
        within(java.time.Duration.ofSeconds(30),
                () -> assertEquals(4, ((Number) source.stats().get("stored")).intValue()));
    }

    @Test
    void gzipThatIsNotGzip() {
        source.collect().header("Content-Encoding", "gzip").body(BATCH).post("/v1/batch").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/"))
                .body("violations[0].rule", containsString("not gzip"));
    }

    @Test
    void truncatedGzip() {
        byte[] whole = gzip(BATCH.getBytes(StandardCharsets.UTF_8));
        source.collect().header("Content-Encoding", "gzip").body(Arrays.copyOf(whole, whole.length / 2))
                .post("/v1/batch").then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("not complete, valid gzip"));
    }

    /** 200 MB of spaces inside a JSON string, about 200 KB compressed: inflating stops at the batch limit. */
    @Test
    void decompressionBomb() {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bomb)) {
            out.write("{\"batch\": [{\"type\": \"track\", \"userId\": \"u\", \"event\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 200; i++) {
                out.write(spaces);
            }
            out.write("\"}]}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        source.collect().header("Content-Encoding", "gzip").body(bomb.toByteArray()).post("/v1/batch").then()
                .statusCode(413).contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("inflates past 512000 bytes"));
        source.collect().header("Content-Encoding", "gzip").body(bomb.toByteArray()).post("/v1/track").then()
                .statusCode(413).contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("inflates past 32768 bytes"));
    }

    @Test
    void unknownContentEncoding() {
        source.collect().header("Content-Encoding", "br").body(BATCH).post("/v1/batch").then()
                .statusCode(415).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/headers/Content-Encoding"))
                .body("violations[0].rule", containsString("gzip, deflate or identity"));
        source.collect().header("Content-Encoding", "gzip, gzip").body(BATCH).post("/v1/batch").then()
                .statusCode(415).contentType(PROBLEM_JSON)
                .body("violations[0].rule", containsString("one encoding"));
    }

    @Test
    void gzipBodyThatDoesNotSaySo() {
        source.collect().body(gzip(BATCH.getBytes(StandardCharsets.UTF_8))).post("/v1/batch").then()
                .statusCode(415).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/headers/Content-Encoding"))
                .body("violations[0].rule", containsString("gzip-compressed"));
    }

    /** The urlencoded label is read as JSON (RudderStack's SDKs send JSON under it); real form fields are not. */
    @Test
    void formFieldsLabelledAsAForm() {
        source.collect().contentType("application/x-www-form-urlencoded").body("userId=u-1&event=Bought")
                .post("/v1/track").then()
                .statusCode(415).contentType(PROBLEM_JSON)
                .body("violations[0].field", equalTo("/headers/Content-Type"))
                .body("violations[0].rule", containsString("/v1/forms/{formId}"));
        source.collect().contentType("application/x-www-form-urlencoded")
                .body("{\"userId\": \"u-1\", \"event\": \"Bought\"}").post("/v1/track").then()
                .statusCode(200).body("accepted", equalTo(1));
    }

    private static byte[] gzip(byte[] plain) {
        return compressed(plain, GZIPOutputStream::new);
    }

    private static byte[] deflate(byte[] plain) {
        return compressed(plain, DeflaterOutputStream::new);
    }

    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compressed(byte[] plain, Compressor compressor) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(compressed)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
