// REST batchPublish: one spec to two channels, a second spec with two messages to a third; every channel's
// history then holds what was sent. batchPublish sends its specs as they are (no message encoding by ably-js),
// so binary goes pre-encoded as base64, which the server must undo.
import { runScenario } from '../lib/harness.js';

await runScenario('batch-publish', async (ctx) => {
  const rest = ctx.rest();
  const [a, b, c] = ['a', 'b', 'c'].map((s) => `${ctx.args.channel}-${s}`);
  const results = await rest.batchPublish([
    { channels: [a, b], messages: { name: 'one', data: 'to a and b' } },
    { channels: [c], messages: [{ name: 'two', data: { n: 2 } }, { name: 'three', data: Buffer.from([1, 2, 3]).toString('base64'), encoding: 'base64' }] },
  ]);
  const histories = {};
  for (const ch of [a, b, c]) {
    const page = await rest.channels.get(ch).history({ direction: 'forwards' });
    histories[ch] = page.items.map((m) => ({ name: m.name, data: Buffer.isBuffer(m.data) ? [...m.data] : m.data }));
  }
  const r0 = results?.[0];
  const r1 = results?.[1];
  return {
    results,
    histories,
    checks: {
      twoResults: Array.isArray(results) && results.length === 2,
      firstSpec: r0?.successCount === 2 && r0?.failureCount === 0 && r0?.results?.length === 2
        && r0.results.every((r) => typeof r.messageId === 'string' && r.messageId.length > 0)
        && r0.results.map((r) => r.channel).sort().join(',') === [a, b].sort().join(','),
      secondSpec: r1?.successCount === 1 && r1?.failureCount === 0 && r1?.results?.[0]?.channel === c,
      historyA: JSON.stringify(histories[a]) === JSON.stringify([{ name: 'one', data: 'to a and b' }]),
      historyB: JSON.stringify(histories[b]) === JSON.stringify([{ name: 'one', data: 'to a and b' }]),
      historyC: JSON.stringify(histories[c]) === JSON.stringify([{ name: 'two', data: { n: 2 } }, { name: 'three', data: [1, 2, 3] }]),
    },
  };
});
