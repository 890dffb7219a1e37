// Token renewal while connected: the authCallback hands out tokens with a short ttl; the server (started with a
// small tokenExpiryWarning) sends AUTH before expiry and ably-js re-authenticates in band, so the connection stays
// CONNECTED with the same connectionId past several token lifetimes and messaging keeps working.
import { runScenario, condition } from '../lib/harness.js';

await runScenario('token-renewal', async (ctx) => {
  const ttl = Number(ctx.args['ttl-ms']);
  const authServer = ctx.rest();
  const issued = [];
  const authCallback = (tokenParams, callback) => {
    authServer.auth.createTokenRequest({ ttl }).then(
      (tokenRequest) => {
        issued.push(Date.now());
        callback(null, tokenRequest);
      },
      (err) => callback(err, null),
    );
  };

  const realtime = ctx.realtime({ key: undefined, authCallback });
  const changes = [];
  realtime.connection.on((change) => changes.push({ previous: change.previous, current: change.current, event: change.event, reason: change.reason?.code ?? null }));
  await ctx.connected(realtime);
  const connectionId = realtime.connection.id;
  const firstToken = realtime.auth.tokenDetails?.token;
  const firstExpires = realtime.auth.tokenDetails?.expires;

  const received = [];
  const channel = realtime.channels.get(ctx.args.channel);
  await channel.subscribe((m) => received.push(m));

  // Wait for two renewals (3 tokens issued), i.e. past two token lifetimes.
  const renewed = condition(() => issued.length >= 3, ttl * 4 + 5000, 'authCallback to be called 3 times');
  const poll = setInterval(renewed.notify, 100);
  try {
    await renewed.done;
  } finally {
    clearInterval(poll);
  }
  // Past the first token's expiry now: publishing and receiving must still work on the same connection.
  const sawMessage = condition(() => received.length >= 1, 5000, 'message after renewal');
  const poll2 = setInterval(sawMessage.notify, 50);
  await channel.publish('after-renewal', 'still here');
  try {
    await sawMessage.done;
  } finally {
    clearInterval(poll2);
  }

  const td = realtime.auth.tokenDetails;
  return {
    ttl,
    tokensIssued: issued.length,
    changes,
    checks: {
      renewedBeforeExpiry: issued.length >= 3,
      pastFirstExpiry: Date.now() > firstExpires,
      newToken: typeof td?.token === 'string' && td.token !== firstToken && td.expires > firstExpires,
      stayedConnected: changes.every((c) => c.current === 'connected' || c.current === 'connecting')
        && !changes.some((c) => c.current === 'disconnected' || c.current === 'failed'),
      // ably-js reports an in-band reauth as an UPDATE: a connected -> connected state change (RTN24).
      updateEvents: changes.filter((c) => c.previous === 'connected' && c.current === 'connected').length >= 2,
      sameConnection: realtime.connection.id === connectionId && realtime.connection.state === 'connected',
      messaging: received.some((m) => m.name === 'after-renewal' && m.data === 'still here'),
    },
  };
}, { 'ttl-ms': { type: 'string', default: '3000' } });
