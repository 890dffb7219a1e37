// REST interop, ably-js side as PUBLISHER (driven by ably-client's AblyJsRestInteropTest, whose REST client reads
// history afterwards): publishes over REST a string, a JSON object and binary on `<channel>-plain`, and the same three
// on `<channel>-secure` encrypted with --cipher-key (base64, 128 or 256 bits). The payloads are fixed here and repeated
// in the Java test, which must read them back exactly.
import { runScenario, withTimeout } from '../lib/harness.js';

export const PAYLOADS = {
  string: 'héllo from ably-js rest ✓',
  json: { from: 'ably-js', via: 'rest', n: 11, list: [1, 'two', true, null, 2.5], nested: { ok: true, empty: {} } },
  binary: [0, 1, 2, 127, 128, 200, 254, 255],
};

await runScenario('rest-interop-publish', async (ctx) => {
  const key = Buffer.from(ctx.args['cipher-key'], 'base64');
  const rest = ctx.rest();
  const plain = rest.channels.get(`${ctx.args.channel}-plain`);
  const secure = rest.channels.get(`${ctx.args.channel}-secure`, { cipher: { key } });
  const published = [];
  for (const [channel, label, prefix] of [[plain, 'plain', ''], [secure, 'secure', 'secure-']]) {
    await withTimeout(channel.publish(`${prefix}string`, PAYLOADS.string), 5000, `rest publish ${label} string`);
    await withTimeout(channel.publish(`${prefix}json`, PAYLOADS.json), 5000, `rest publish ${label} json`);
    await withTimeout(channel.publish(`${prefix}binary`, Buffer.from(PAYLOADS.binary)), 5000, `rest publish ${label} binary`);
    published.push(`${prefix}string`, `${prefix}json`, `${prefix}binary`);
    ctx.partial.published = published.length;
  }
  return { keyBits: key.length * 8, published, checks: { published: published.length === 6 } };
}, { 'cipher-key': { type: 'string' } });
