package io.firstparty.ingestion.clients;

import io.firstparty.ingestion.TestSources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;

import static io.firstparty.kit.testing.Eventually.within;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Node SDKs of Segment and RudderStack, from the npm registry and unchanged, pointed at the
 * collection API: each sends identify, track and page, and all three must be found stored.
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class NodeSdkTest {

    private static final Duration RUN = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URL endpoint;

    @Test
    void segmentAnalyticsNodeEventsAreStored() {
        TestSources source = TestSources.create();
        SdkClients.run(RUN, "node", "segment-node.mjs", host(), source.writeKey());
        assertStored(source, 3);
    }

    /** Gzip-compressed batches labelled application/x-www-form-urlencoded: what the SDK sends by default. */
    @Test
    void rudderstackNodeEventsAreStored() {
        TestSources source = TestSources.create();
        SdkClients.run(RUN, "node", "rudder-node.cjs", host(), source.writeKey(), "gzip");
        assertStored(source, 3);
    }

    @Test
    void rudderstackNodeEventsWithoutCompressionAreStored() {
        TestSources source = TestSources.create();
        SdkClients.run(RUN, "node", "rudder-node.cjs", host(), source.writeKey(), "plain");
        assertStored(source, 3);
    }

    private String host() {
        String url = endpoint.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static void assertStored(TestSources source, int count) {
        within(Duration.ofSeconds(30), () -> assertEquals(count, ((Number) source.stats().get("stored")).intValue()));
        assertEquals(0, ((Number) source.stats().get("failed")).intValue());
    }
}
