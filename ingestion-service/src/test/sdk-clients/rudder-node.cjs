// RudderStack's Node SDK, unchanged: by default it gzips each batch and labels it
// application/x-www-form-urlencoded. Usage: node rudder-node.cjs <dataPlaneUrl> <writeKey> [gzip|plain]
const Analytics = require('@rudderstack/rudder-sdk-node');

const [dataPlaneUrl, writeKey, mode] = process.argv.slice(2);
const client = new Analytics(writeKey, {
  dataPlaneUrl,
  flushAt: 10,
  flushInterval: 200,
  gzip: mode !== 'plain',
  retryCount: 0,
  logLevel: 'error',
});

client.identify({ userId: 'rudder-node-user', traits: { email: 'Rudder.Node@Example.com' } });
client.track({ userId: 'rudder-node-user', event: 'Quiz Completed', properties: { answer: 'oily' } });
client.page({ anonymousId: 'rudder-node-device', name: 'Home' });
client.flush().then(
  () => process.exit(0),
  (error) => {
    console.error('failed: ' + (error.response ? error.response.status : error.code ?? error.message));
    process.exit(1);
  });
