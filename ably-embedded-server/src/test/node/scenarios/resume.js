// Resume after an abrupt transport drop (fault injection REST endpoint: socket closed without a close frame).
// Messages published while the subscriber is disconnected (via REST, and via a realtime publisher that is dropped
// too) must all arrive exactly once, in order, with the same connectionId (resumed).
import { runScenario, condition, withTimeout } from '../lib/harness.js';

await runScenario('resume', async (ctx) => {
  const rest = ctx.rest();
  const subscriber = ctx.realtime();
  const publisher = ctx.realtime();
  await Promise.all([ctx.connected(subscriber), ctx.connected(publisher)]);
  const subscriberId = subscriber.connection.id;
  const publisherId = publisher.connection.id;

  const changes = [];
  subscriber.connection.on((c) => changes.push({ current: c.current, reason: c.reason?.code ?? null }));
  const channelChanges = [];
  const received = [];
  const channel = subscriber.channels.get(ctx.args.channel);
  channel.on((c) => channelChanges.push({ current: c.current, resumed: c.resumed, event: c.event }));
  const arrived = condition(() => received.length >= 7, 20000, 'subscriber to receive 7 messages');
  await channel.subscribe((m) => {
    received.push(m.name);
    arrived.notify();
  });
  const out = publisher.channels.get(ctx.args.channel);
  await out.attach();
  await rest.channels.get(ctx.args.channel).publish('m1', 'before drop');
  await withTimeout(new Promise((resolve) => {
    const check = () => (received.length >= 1 ? resolve() : setTimeout(check, 20));
    check();
  }), 5000, 'm1');

  const drop = await fetch(`http://${ctx.args.host}:${ctx.args.port}/_emulator/connections/all/drop`, { method: 'POST' });
  ctx.partial.dropStatus = drop.status;
  // Published while the realtime clients are (or are about to be) disconnected.
  await rest.channels.get(ctx.args.channel).publish('m2', 'during drop (rest)');
  const realtimePublishes = Promise.all([out.publish('m3', 'during drop (realtime)'), out.publish('m4', 'x')]);
  await rest.channels.get(ctx.args.channel).publish('m5', 'during drop (rest)');
  await withTimeout(realtimePublishes, 15000, 'realtime publishes queued during drop to be ACKed');
  await ctx.connected(subscriber, 15000);
  await out.publish('m6', 'after');
  await rest.channels.get(ctx.args.channel).publish('m7', 'after (rest)');
  await arrived.done;
  // Let any duplicate arrive before judging.
  await new Promise((r) => setTimeout(r, 500));

  return {
    dropStatus: drop.status,
    received,
    changes,
    channelChanges,
    checks: {
      dropped: drop.status === 204 && changes.some((c) => c.current === 'disconnected'),
      noLoss: ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'].every((n) => received.includes(n)),
      noDuplicates: new Set(received).size === received.length,
      // REST m2/m5 and realtime m3/m4 race each other; each publisher's own order and the ends are fixed.
      inOrder: received[0] === 'm1' && received.indexOf('m2') < received.indexOf('m5')
        && received.indexOf('m2') < received.indexOf('m3') && received.indexOf('m3') < received.indexOf('m4')
        && received.slice(-2).join(',') === 'm6,m7',
      resumedSubscriber: subscriber.connection.id === subscriberId && subscriber.connection.state === 'connected',
      resumedPublisher: publisher.connection.id === publisherId && publisher.connection.state === 'connected',
      channelAttached: channel.state === 'attached',
    },
  };
});
