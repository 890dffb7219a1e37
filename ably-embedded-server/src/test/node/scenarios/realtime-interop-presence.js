// Realtime presence interop, ably-js side (driven by the client module's AblyJsRealtimeInteropTest): `js-member`
// enters --channel with "from js" and prints READY; the Java client then enters as --other with "from java". The
// script waits until it has seen that ENTER and the member in presence.get(), then the Java client's LEAVE, and
// reports the events and members it saw.
import { runScenario, condition, withTimeout } from '../lib/harness.js';

await runScenario('realtime-interop-presence', async (ctx) => {
  const other = ctx.args.other;
  const realtime = ctx.realtime({ clientId: 'js-member' });
  await ctx.connected(realtime);
  const channel = realtime.channels.get(ctx.args.channel);
  const events = [];
  const seen = (action) => events.some((e) => e.action === action && e.clientId === other);
  const entered = condition(() => seen('enter'), 15000, `ENTER of ${other}`);
  const left = condition(() => seen('leave'), 15000, `LEAVE of ${other}`);
  await channel.presence.subscribe((event) => {
    events.push({ action: event.action, clientId: event.clientId, data: event.data ?? null });
    entered.notify();
    left.notify();
  });
  await withTimeout(channel.presence.enter('from js'), 10000, 'js presence.enter()');
  await ctx.signal('READY');
  await entered.done;
  const members = await withTimeout(channel.presence.get(), 10000, 'js presence.get()');
  await ctx.signal('SEEN');
  await left.done;
  const summary = members.map((m) => ({ clientId: m.clientId, data: m.data ?? null }));
  return {
    events,
    members: summary,
    checks: {
      sawEnter: events.some((e) => e.action === 'enter' && e.clientId === other && e.data === 'from java'),
      memberListed: summary.some((m) => m.clientId === other && m.data === 'from java'),
      sawLeave: seen('leave'),
    },
  };
}, { other: { type: 'string', default: 'our-member' } });
