// REST publish (single + batch, string/JSON/binary) reaches a realtime subscriber, and REST history returns it,
// newest first by default, and paginated forwards through the Link header.
import { runScenario, condition, sameBytes, typeOf, withTimeout } from '../lib/harness.js';
import { isDeepStrictEqual } from 'node:util';

const JSON_PAYLOAD = { kind: 'rest', list: [1, 2, 3], nested: { ok: true } };
const BINARY_PAYLOAD = [9, 8, 7, 0, 255];
const NAMES = ['string', 'json', 'binary', 'batch1', 'batch2'];

function checkPayloads(messages) {
  const byName = Object.fromEntries(messages.map((m) => [m.name, m]));
  return byName.string?.data === 'via rest'
    && isDeepStrictEqual(byName.json?.data, JSON_PAYLOAD)
    && sameBytes(byName.binary?.data, BINARY_PAYLOAD)
    && byName.batch1?.data === 'b1' && byName.batch2?.data === 'b2'
    && messages.every((m) => m.encoding == null);
}

function idempotentIdsKept(messages) {
  const byName = Object.fromEntries(messages.map((m) => [m.name, m]));
  const [base1, index1] = String(byName.batch1?.id).split(':');
  const [base2, index2] = String(byName.batch2?.id).split(':');
  return messages.every((m) => /^[^:]+:\d+$/.test(String(m.id)))
    && base1 === base2 && index1 === '0' && index2 === '1';
}

await runScenario('rest-history', async (ctx) => {
  const subscriber = ctx.realtime();
  await ctx.connected(subscriber);
  const live = [];
  const arrived = condition(() => live.length >= NAMES.length, 10000, `realtime subscriber to receive ${NAMES.length} REST-published messages`);
  await subscriber.channels.get(ctx.args.channel).subscribe((m) => {
    live.push(m);
    arrived.notify();
  });

  const rest = ctx.rest();
  const channel = rest.channels.get(ctx.args.channel);
  await withTimeout(channel.publish('string', 'via rest'), 5000, 'rest publish string');
  await withTimeout(channel.publish('json', JSON_PAYLOAD), 5000, 'rest publish json');
  await withTimeout(channel.publish('binary', Buffer.from(BINARY_PAYLOAD)), 5000, 'rest publish binary');
  await withTimeout(channel.publish([{ name: 'batch1', data: 'b1' }, { name: 'batch2', data: 'b2' }]), 5000, 'rest publish batch');
  await arrived.done;

  const backwards = await withTimeout(channel.history(), 5000, 'rest history()');
  const backwardsNames = backwards.items.map((m) => m.name);

  const pages = [];
  let page = await withTimeout(channel.history({ direction: 'forwards', limit: 2 }), 5000, 'rest history(forwards, limit 2)');
  pages.push(page.items.map((m) => m.name));
  const firstHasNext = page.hasNext();
  while (page.hasNext() && pages.length < 10) {
    page = await withTimeout(page.next(), 5000, `rest history page ${pages.length + 1}`);
    pages.push(page.items.map((m) => m.name));
  }
  const lastIsLast = page.isLast();

  return {
    live: live.map((m) => ({ name: m.name, type: typeOf(m.data) })),
    historyNames: backwardsNames,
    historyTypes: backwards.items.map((m) => typeOf(m.data)),
    historyIds: backwards.items.map((m) => m.id),
    pages,
    checks: {
      liveReceived: live.map((m) => m.name).join(',') === NAMES.join(','),
      livePayloads: checkPayloads(live),
      historyNewestFirst: backwardsNames.join(',') === [...NAMES].reverse().join(','),
      historyPayloads: checkPayloads(backwards.items),
      historyIds: backwards.items.every((m) => typeof m.id === 'string' && m.id.length > 0),
      // idempotentRestPublishing (default on) makes ably-js assign ids "<base>:<index>"; they must be kept (RSL1k).
      idempotentIdsKept: idempotentIdsKept(backwards.items),
      historyTimestamps: backwards.items.every((m) => typeof m.timestamp === 'number' && m.timestamp > 0),
      paginated: firstHasNext && pages.length === 3 && pages.flat().join(',') === NAMES.join(',') && lastIsLast,
    },
  };
});
