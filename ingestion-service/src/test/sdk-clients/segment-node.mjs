// Segment's Node SDK, unchanged, sending identify, track and page to the host given.
// Usage: node segment-node.mjs <host> <writeKey>; exits non-zero if any call failed.
import { Analytics } from '@segment/analytics-node';

const [host, writeKey] = process.argv.slice(2);
const analytics = new Analytics({ writeKey, host, maxEventsInBatch: 10, flushInterval: 200 });
const failures = [];
analytics.on('error', (error) => failures.push(error.code ?? String(error)));

analytics.identify({ userId: 'segment-node-user', traits: { email: 'Segment.Node@Example.com' } });
analytics.track({ userId: 'segment-node-user', event: 'Quiz Completed', properties: { answer: 'dry' } });
analytics.page({ anonymousId: 'segment-node-device', name: 'Home' });
await analytics.closeAndFlush({ timeout: 20000 });

if (failures.length > 0) {
  console.error('failed: ' + failures.join(', '));
  process.exit(1);
}
