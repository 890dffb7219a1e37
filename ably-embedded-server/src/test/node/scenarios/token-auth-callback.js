// Token auth through an authCallback that returns a TokenRequest signed by a key-holding Ably.Rest
// (the usual "auth server" pattern): realtime connects and round-trips a message, REST publishes with it.
import { runScenario, condition } from '../lib/harness.js';

const CLIENT_ID = 'js-token-client';

await runScenario('token-auth-callback', async (ctx) => {
  const authServer = ctx.rest();
  const requests = [];
  const authCallback = (tokenParams, callback) => {
    requests.push(tokenParams ?? null);
    authServer.auth.createTokenRequest({ clientId: CLIENT_ID }).then(
      (tokenRequest) => callback(null, tokenRequest),
      (err) => callback(err, null),
    );
  };

  const realtime = ctx.realtime({ key: undefined, authCallback });
  await ctx.connected(realtime);
  const received = [];
  const channel = realtime.channels.get(ctx.args.channel);
  const arrived = condition(() => received.length >= 2, 10000, 'realtime to receive 2 messages');
  await channel.subscribe((m) => {
    received.push(m);
    arrived.notify();
  });
  await channel.publish('realtime', 'via realtime token');

  const rest = ctx.rest({ key: undefined, authCallback });
  await rest.channels.get(ctx.args.channel).publish('rest', 'via rest token');
  await arrived.done;

  const td = realtime.auth.tokenDetails;
  return {
    authCallbackCalls: requests.length,
    connectionClientId: realtime.auth.clientId,
    received: received.map((m) => ({ name: m.name, data: m.data, clientId: m.clientId })),
    checks: {
      authCallbackUsed: requests.length >= 2,
      tokenDetails: typeof td?.token === 'string' && td.token.length > 0 && typeof td.expires === 'number',
      tokenClientId: td?.clientId === CLIENT_ID && realtime.auth.clientId === CLIENT_ID,
      noKeyUsed: realtime.options.key === undefined && rest.options.key === undefined,
      realtimeRoundTrip: received.some((m) => m.name === 'realtime' && m.data === 'via realtime token'),
      restPublish: received.some((m) => m.name === 'rest' && m.data === 'via rest token'),
      messageClientIds: received.every((m) => m.clientId === CLIENT_ID),
    },
  };
});
