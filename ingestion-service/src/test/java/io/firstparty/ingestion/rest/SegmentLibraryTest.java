package io.firstparty.ingestion.rest;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import io.firstparty.ingestion.TestSources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import static io.firstparty.kit.testing.Eventually.within;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Segment's own Java library, unchanged, pointed at firstparty instead of Segment. */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class SegmentLibraryTest {

    @TestHTTPResource("/")
    URL endpoint;

    @Test
    void eventsSentByAnalyticsJavaAreStored() {
        TestSources source = TestSources.create();
        Analytics analytics = Analytics.builder(source.writeKey())
                .endpoint(endpoint.toString())
                .flushQueueSize(10)
                .build();

        analytics.enqueue(IdentifyMessage.builder().userId("lib-user").traits(Map.of("email", "Lib@Example.com")));
        analytics.enqueue(TrackMessage.builder("Quiz Completed").userId("lib-user").properties(Map.of("answer", "dry")));
        analytics.enqueue(PageMessage.builder("Home").anonymousId("lib-device"));
        analytics.flush();
        analytics.shutdown();

        within(Duration.ofSeconds(30), () -> assertEquals(3, ((Number) source.stats().get("stored")).intValue()));
    }
}
