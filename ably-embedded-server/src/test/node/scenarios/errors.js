// Error codes: capability denial (40160) on attach, realtime publish and REST publish; an invalid channel name (a
// control character) rejected with 40010 while the connection stays connected; an oversized message (40009) both
// as ably-js's own client-side check and as the server's NACK / REST 400 when the client-side limit is raised.
import { runScenario, describeError } from '../lib/harness.js';

const attempt = async (fn) => {
  try {
    await fn();
    return null;
  } catch (err) {
    return describeError(err);
  }
};

await runScenario('errors', async (ctx) => {
  const restricted = ctx.args['restricted-key'];
  const prefix = ctx.args['allowed-prefix'];

  // --- capability denial
  const limited = ctx.realtime({ key: restricted });
  await ctx.connected(limited);
  const deniedAttach = await attempt(() => limited.channels.get(`denied-${ctx.args.channel}`).attach());
  const allowed = limited.channels.get(`${prefix}${ctx.args.channel}`);
  const allowedAttach = await attempt(() => allowed.attach());
  const deniedPublish = await attempt(() => allowed.publish('nope', 'subscribe only'));
  const limitedRest = ctx.rest({ key: restricted });
  const deniedRest = await attempt(() => limitedRest.channels.get(`${prefix}${ctx.args.channel}`).publish('nope', 'x'));
  const limitedStateAfter = limited.connection.state;

  // --- invalid channel name
  const realtime = ctx.realtime();
  await ctx.connected(realtime);
  const connectionId = realtime.connection.id;
  const badChannel = realtime.channels.get(`bad\u0001name-${ctx.args.channel}`);
  const invalidName = await attempt(() => badChannel.attach());
  await new Promise((r) => setTimeout(r, 300));
  const stateAfterInvalid = realtime.connection.state;
  const good = realtime.channels.get(ctx.args.channel);
  const goodAttach = await attempt(() => good.attach());
  const goodPublish = await attempt(() => good.publish('fine', 'after invalid name'));

  // --- oversized messages
  const big = 'x'.repeat(70 * 1024);
  const clientSide = await attempt(() => good.publish('big', big));
  // Raise ably-js's limit (taken from connectionDetails.maxMessageSize) so the server itself has to refuse.
  realtime.options.maxMessageSize = 10 * 1024 * 1024;
  const serverSide = await attempt(() => good.publish('big', big));
  await new Promise((r) => setTimeout(r, 300));
  const stateAfterOversize = realtime.connection.state;
  const afterOversize = await attempt(() => good.publish('fine2', 'after oversize'));
  const bigRest = ctx.rest({ maxMessageSize: 10 * 1024 * 1024 });
  const serverSideRest = await attempt(() => bigRest.channels.get(ctx.args.channel).publish('big', big));

  return {
    errors: { deniedAttach, allowedAttach, deniedPublish, deniedRest, invalidName, goodAttach, goodPublish, clientSide, serverSide, afterOversize, serverSideRest },
    states: { limitedStateAfter, stateAfterInvalid, stateAfterOversize, badChannel: badChannel.state },
    checks: {
      deniedAttach40160: deniedAttach?.code === 40160,
      allowedAttachOk: allowedAttach === null,
      deniedPublish40160: deniedPublish?.code === 40160,
      deniedRest40160: deniedRest?.code === 40160 && deniedRest?.statusCode === 401,
      limitedStillConnected: limitedStateAfter === 'connected',
      invalidName40010: invalidName?.code === 40010,
      invalidNameStatus400: invalidName?.statusCode === 400,
      connectedAfterInvalid: stateAfterInvalid === 'connected' && realtime.connection.id === connectionId,
      goodChannelWorks: goodAttach === null && goodPublish === null,
      oversizeClientSide40009: clientSide?.code === 40009,
      oversizeServer40009: serverSide?.code === 40009,
      connectedAfterOversize: stateAfterOversize === 'connected' && afterOversize === null,
      oversizeRest40009: serverSideRest?.code === 40009 && serverSideRest?.statusCode === 400,
    },
  };
}, { 'restricted-key': { type: 'string' }, 'allowed-prefix': { type: 'string', default: 'allowed:' } });
