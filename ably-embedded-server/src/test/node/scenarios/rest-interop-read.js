// REST interop, ably-js side as READER (driven by ably-client's AblyJsRestInteropTest, whose REST client publishes
// first): reads the REST history of `<channel>-plain` and of `<channel>-secure` (decrypting with --cipher-key, base64,
// 128 or 256 bits), oldest first, and reports every message as ably-js decoded it (binary as base64) for the Java
// side to compare with what it published.
import { runScenario, typeOf, withTimeout } from '../lib/harness.js';

function describe(channel, m) {
  const type = typeOf(m.data);
  return {
    channel,
    name: m.name,
    type,
    data: type === 'buffer' || type === 'bytes' ? Buffer.from(m.data).toString('base64') : m.data,
    encoding: m.encoding ?? null,
    id: m.id ?? null,
  };
}

await runScenario('rest-interop-read', async (ctx) => {
  const key = Buffer.from(ctx.args['cipher-key'], 'base64');
  const expect = Number(ctx.args.expect);
  const rest = ctx.rest();
  const plain = rest.channels.get(`${ctx.args.channel}-plain`);
  const secure = rest.channels.get(`${ctx.args.channel}-secure`, { cipher: { key } });
  const messages = [];
  for (const [channel, label] of [[plain, 'plain'], [secure, 'secure']]) {
    const page = await withTimeout(channel.history({ direction: 'forwards' }), 5000, `rest history of ${label}`);
    ctx.partial[label] = page.items.length;
    for (const m of page.items) messages.push(describe(label, m));
  }
  return {
    keyBits: key.length * 8,
    messages,
    checks: {
      count: messages.length === expect,
      decoded: messages.every((m) => m.encoding === null),
    },
  };
}, { 'cipher-key': { type: 'string' }, expect: { type: 'string', default: '6' } });
