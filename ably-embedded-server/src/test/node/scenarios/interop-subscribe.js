// Cross-SDK interop, ably-js side as SUBSCRIBER (driven by CrossSdkInteropTest): attaches `<channel>-plain` and
// `<channel>-secure` (decrypting with --cipher-key), prints `READY`, then waits for --expect messages published by
// ably-java and reports each one (binary as base64) for the Java side to compare.
import { runScenario, condition, typeOf } from '../lib/harness.js';

await runScenario('interop-subscribe', async (ctx) => {
  const key = Buffer.from(ctx.args['cipher-key'], 'base64');
  const expect = Number(ctx.args.expect);
  const realtime = ctx.realtime();
  await ctx.connected(realtime);
  const received = [];
  const arrived = condition(() => received.length >= expect, 15000, `${expect} messages from ably-java`);
  const record = (channel) => (m) => {
    const type = typeOf(m.data);
    received.push({
      channel,
      name: m.name,
      type,
      data: type === 'buffer' || type === 'bytes' ? Buffer.from(m.data).toString('base64') : m.data,
      encoding: m.encoding ?? null,
      connectionId: m.connectionId,
    });
    arrived.notify();
  };
  await realtime.channels.get(`${ctx.args.channel}-plain`).subscribe(record('plain'));
  await realtime.channels.get(`${ctx.args.channel}-secure`, { cipher: { key } }).subscribe(record('secure'));
  await ctx.signal('READY');
  await arrived.done;
  await new Promise((r) => setTimeout(r, 200));
  return {
    received,
    checks: { count: received.length === expect, decoded: received.every((m) => m.encoding === null) },
  };
}, { 'cipher-key': { type: 'string' }, expect: { type: 'string', default: '6' } });
