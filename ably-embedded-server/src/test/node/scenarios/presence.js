// Presence: alice enters/updates/leaves; an already-attached observer sees each event and presence.get()
// reflects it; a client attaching after the enter receives alice through the server's presence SYNC.
import { runScenario, condition, withTimeout } from '../lib/harness.js';
import { isDeepStrictEqual } from 'node:util';

const ENTER_DATA = { status: 'here', n: 1 };
const UPDATE_DATA = { status: 'busy', n: 2 };

await runScenario('presence', async (ctx) => {
  const alice = ctx.realtime({ clientId: 'alice' });
  const observer = ctx.realtime({ clientId: 'observer' });
  await Promise.all([ctx.connected(alice), ctx.connected(observer)]);

  const events = [];
  const seen = (action) => events.find((e) => e.action === action && e.clientId === 'alice');
  const waiters = [];
  const waitFor = (action) => {
    const c = condition(() => seen(action) != null, 10000, `observer to see alice ${action}`);
    waiters.push(c);
    return c.done;
  };
  const observerChannel = observer.channels.get(ctx.args.channel);
  // presence.subscribe() attaches the channel.
  await observerChannel.presence.subscribe((event) => {
    events.push(event);
    for (const w of waiters) w.notify();
  });

  const aliceChannel = alice.channels.get(ctx.args.channel);
  const entered = waitFor('enter');
  await withTimeout(aliceChannel.presence.enter(ENTER_DATA), 10000, 'alice presence.enter()');
  await entered;
  ctx.partial.events = events.map((e) => `${e.action}:${e.clientId}`);

  const observerMembers = await withTimeout(observerChannel.presence.get(), 10000, 'observer presence.get()');
  const aliceMembers = await withTimeout(aliceChannel.presence.get(), 10000, 'alice presence.get()');

  // A client attaching after the enter only learns of alice through the SYNC the server sends on ATTACHED.
  const late = ctx.realtime({ clientId: 'late' });
  await ctx.connected(late);
  const lateMembers = await withTimeout(late.channels.get(ctx.args.channel).presence.get(), 10000, 'late presence.get() (SYNC)');

  const updated = waitFor('update');
  await withTimeout(aliceChannel.presence.update(UPDATE_DATA), 10000, 'alice presence.update()');
  await updated;
  const membersAfterUpdate = await withTimeout(observerChannel.presence.get(), 10000, 'observer presence.get() after update');

  const left = waitFor('leave');
  await withTimeout(aliceChannel.presence.leave(), 10000, 'alice presence.leave()');
  await left;
  const membersAfterLeave = await withTimeout(observerChannel.presence.get(), 10000, 'observer presence.get() after leave');

  const summary = (m) => ({ action: m.action, clientId: m.clientId, connectionId: m.connectionId, data: m.data });
  const aliceIn = (members, data) => members.some((m) => m.clientId === 'alice'
    && m.connectionId === alice.connection.id && isDeepStrictEqual(m.data, data));
  const enterEvent = seen('enter');
  return {
    events: events.map(summary),
    observerMembers: observerMembers.map(summary),
    lateMembers: lateMembers.map(summary),
    membersAfterLeave: membersAfterLeave.map(summary),
    checks: {
      enterSeen: enterEvent != null && isDeepStrictEqual(enterEvent.data, ENTER_DATA)
        && enterEvent.connectionId === alice.connection.id,
      enterHasTimestamp: typeof enterEvent?.timestamp === 'number' && enterEvent.timestamp > 0,
      observerGet: observerMembers.length === 1 && aliceIn(observerMembers, ENTER_DATA),
      selfGet: aliceIn(aliceMembers, ENTER_DATA),
      syncGet: lateMembers.length === 1 && aliceIn(lateMembers, ENTER_DATA),
      updateSeen: isDeepStrictEqual(seen('update')?.data, UPDATE_DATA),
      getAfterUpdate: membersAfterUpdate.length === 1 && aliceIn(membersAfterUpdate, UPDATE_DATA),
      leaveSeen: seen('leave') != null,
      getAfterLeave: membersAfterLeave.length === 0,
    },
  };
});
