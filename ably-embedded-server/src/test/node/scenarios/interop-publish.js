// Cross-SDK interop, ably-js side as PUBLISHER (driven by CrossSdkInteropTest, whose ably-java client subscribes):
// publishes a string, a JSON object and binary on `<channel>-plain`, and the same three on `<channel>-secure`
// encrypted with --cipher-key (base64, 128 or 256 bits).
import { runScenario } from '../lib/harness.js';

export const PAYLOADS = {
  string: 'héllo from ably-js ✓',
  json: { from: 'ably-js', n: 7, list: [1, 'two', true, null], nested: { ok: true } },
  binary: [0, 1, 2, 127, 128, 200, 255],
};

await runScenario('interop-publish', async (ctx) => {
  const key = Buffer.from(ctx.args['cipher-key'], 'base64');
  const realtime = ctx.realtime();
  await ctx.connected(realtime);
  const plain = realtime.channels.get(`${ctx.args.channel}-plain`);
  const secure = realtime.channels.get(`${ctx.args.channel}-secure`, { cipher: { key } });
  for (const [channel, prefix] of [[plain, ''], [secure, 'secure-']]) {
    await channel.publish(`${prefix}string`, PAYLOADS.string);
    await channel.publish(`${prefix}json`, PAYLOADS.json);
    await channel.publish(`${prefix}binary`, Buffer.from(PAYLOADS.binary));
  }
  return { keyBits: key.length * 8, checks: { published: true } };
}, { 'cipher-key': { type: 'string' } });
