package io.firstparty.ingestion.clients;

import io.firstparty.ingestion.TestSources;
import io.firstparty.kit.testing.HeadlessChromium;
import io.firstparty.kit.testing.LocalSite;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Segment's browser SDK, analytics.js 2.0 ({@code @segment/analytics-next} from the npm registry,
 * its published bundle), in a page of a brand's site in headless Chromium. Its settings, which it
 * fetches from Segment's CDN on a real site, are served by the site itself, and they point it at the
 * collection API on another origin, so every call is cross-origin with a preflight (it sends the
 * write key in an Authorization header).
 */
@QuarkusTest
@WithTestResource(OidcWiremockTestResource.class)
class AnalyticsNextBrowserTest {

    @TestHTTPResource("/")
    URL endpoint;

    @Test
    void identifyTrackAndPageFromABrowserAreStored() {
        Path bundle = SdkClients.directory().resolve("node_modules/@segment/analytics-next/dist/umd/index.js");
        try (LocalSite site = new LocalSite()) {
            TestSources source = TestSources.create(10_000, List.of(site.origin()));
            site.page("/analytics-next/bundles/index.js", "text/javascript", () -> read(bundle))
                    .html("/", page(source.writeKey()))
                    .page("/v1/projects/" + source.writeKey() + "/settings", "application/json",
                            () -> settings(source.writeKey()).getBytes());
            ChromeDriver browser = HeadlessChromium.start();
            try {
                browser.get(site.origin() + "/");
                Object outcomes = browser.executeAsyncScript(
                        "const done = arguments[arguments.length - 1]; window.sent.then(done);");
                assertEquals(List.of("delivered", "delivered", "delivered"), outcomes);
            } finally {
                browser.quit();
            }
            NodeSdkTest.assertStored(source, 3);
        }
    }

    /** What Segment's CDN would answer for this write key, with the API host turned to this service. */
    private String settings(String writeKey) {
        String apiHost = endpoint.getHost() + ":" + endpoint.getPort() + "/v1";
        return """
                {"integrations": {"Segment.io": {"apiKey": "%s", "apiHost": "%s", "protocol": "http",
                  "unbundledIntegrations": [], "addBundledMetadata": true, "maybeBundledConfigIds": {}}},
                 "plan": {"track": {"__default": {"enabled": true, "integrations": {}}},
                          "identify": {"__default": {"enabled": true}}, "group": {"__default": {"enabled": true}}},
                 "edgeFunction": {}, "analyticsNextEnabled": true, "middlewareSettings": {}, "enabledMiddleware": {},
                 "metrics": {"sampleRate": 0}, "legacyVideoPluginsEnabled": false, "remotePlugins": []}
                """.formatted(writeKey, apiHost);
    }

    /** A brand's page as Segment documents it for npm users; it records whether each call was delivered. */
    private static String page(String writeKey) {
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Maison Test</title></head><body>
                <script>window.analytics = []; window.analytics._cdn = location.origin;</script>
                <script src="/analytics-next/bundles/index.js"></script>
                <script>
                  const analytics = AnalyticsNext.AnalyticsBrowser.load(
                      { writeKey: '%s', cdnURL: location.origin });
                  window.sent = Promise.all([
                    analytics.identify('browser-user', { email: 'Browser.User@Example.com' }),
                    analytics.track('Quiz Completed', { answer: 'combination' }),
                    analytics.page('Shop', 'Home'),
                  ]).then(contexts => contexts.map(ctx => ctx.failedDelivery()
                      ? 'failed: ' + ctx.failedDelivery().reason : 'delivered'),
                    error => ['error: ' + error]);
                </script>
                </body></html>
                """.formatted(writeKey);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
