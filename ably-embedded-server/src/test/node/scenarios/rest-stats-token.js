// REST stats() after some traffic, and auth.requestToken() (key-signed token request exchanged for a token), then
// a REST client using only that token.
import { runScenario } from '../lib/harness.js';

await runScenario('rest-stats-token', async (ctx) => {
  const rest = ctx.rest();
  await rest.channels.get(ctx.args.channel).publish('traffic', 'for stats');

  const page = await rest.stats({ unit: 'minute', limit: 10, direction: 'backwards' });
  const items = page.items ?? [];
  const first = items[0];

  const before = Date.now();
  const td = await rest.auth.requestToken({ clientId: 'js-requested', ttl: 60000 });
  const tokenRest = ctx.rest({ key: undefined, token: td.token });
  await tokenRest.channels.get(ctx.args.channel).publish('with-token', 'hi');
  const history = await tokenRest.channels.get(ctx.args.channel).history({ limit: 10 });
  const time = await tokenRest.time();

  return {
    statsCount: items.length,
    firstStats: first ?? null,
    // keyName is reported, not checked: TD1-TD7 do not define it (Ably's own response does carry it).
    token: { keyName: td.keyName ?? null, clientId: td.clientId, capability: td.capability, ttl: td.expires - td.issued },
    checks: {
      statsArray: Array.isArray(items) && items.length >= 1,
      statsInterval: typeof first?.intervalId === 'string' && first.intervalId.length > 0,
      statsUnit: first?.unit === 'minute',
      statsEntries: first?.entries != null && typeof first.entries === 'object'
        && Object.values(first.entries).some((v) => typeof v === 'number' && v > 0),
      tokenString: typeof td.token === 'string' && td.token.length > 0,
      tokenTimes: td.issued >= before - 5000 && td.expires - td.issued === 60000,
      tokenClientId: td.clientId === 'js-requested',
      tokenCapability: typeof td.capability === 'string' && td.capability.length > 0,
      tokenUsable: history.items.some((m) => m.name === 'with-token' && m.clientId === 'js-requested')
        && typeof time === 'number',
    },
  };
});
