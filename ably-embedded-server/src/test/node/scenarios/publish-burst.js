// Publish --count messages without waiting in between; every publish must be ACKed and all must arrive in order.
import { runScenario, condition } from '../lib/harness.js';

await runScenario('publish-burst', async (ctx) => {
  const count = Number(ctx.args.count);
  const publisher = ctx.realtime();
  const subscriber = ctx.realtime();
  await Promise.all([ctx.connected(publisher), ctx.connected(subscriber)]);

  const received = [];
  const inbound = subscriber.channels.get(ctx.args.channel);
  const arrived = condition(() => received.length >= count, 15000, `subscriber to receive ${count} messages`);
  await inbound.subscribe((message) => {
    received.push(message);
    arrived.notify();
  });

  const outbound = publisher.channels.get(ctx.args.channel);
  await outbound.attach();
  let acked = 0;
  const nacks = [];
  const publishes = [];
  for (let i = 0; i < count; i++) {
    publishes.push(outbound.publish(`m${i}`, { i }).then(() => { acked++; }, (err) => { nacks.push({ i, message: err.message, code: err.code }); }));
  }
  await Promise.all(publishes);
  ctx.partial.acked = acked;
  ctx.partial.nacks = nacks;
  await arrived.done;

  const inOrder = received.every((m, i) => m.name === `m${i}` && m.data?.i === i);
  return {
    count,
    acked,
    nacked: nacks.length,
    nacks: nacks.slice(0, 5),
    received: received.length,
    checks: {
      allAcked: acked === count && nacks.length === 0,
      allReceived: received.length === count,
      inOrder,
      uniqueIds: new Set(received.map((m) => m.id)).size === count,
    },
  };
}, { count: { type: 'string', default: '100' } });
