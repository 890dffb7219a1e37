// connection.ping(): a HEARTBEAT round trip must resolve with a round-trip time.
import { runScenario, withTimeout } from '../lib/harness.js';

await runScenario('ping', async (ctx) => {
  const client = ctx.realtime();
  await ctx.connected(client);
  const rtts = [];
  for (let i = 0; i < 3; i++) {
    rtts.push(await withTimeout(client.connection.ping(), 5000, `ping #${i + 1}`));
  }
  return {
    rtts,
    connectionId: client.connection.id,
    connectionKey: client.connection.key,
    checks: {
      numeric: rtts.every((t) => typeof t === 'number' && t >= 0 && t < 5000),
      connectionDetails: typeof client.connection.id === 'string' && typeof client.connection.key === 'string',
    },
  };
});
