// REST time(): GET /time must return the server clock in epoch milliseconds.
import { runScenario, withTimeout } from '../lib/harness.js';

await runScenario('rest-time', async (ctx) => {
  const rest = ctx.rest();
  const before = Date.now();
  const time = await withTimeout(rest.time(), 5000, 'rest.time()');
  const after = Date.now();
  return {
    time,
    skewMs: time - Math.round((before + after) / 2),
    checks: {
      numeric: typeof time === 'number' && Number.isInteger(time),
      plausible: Math.abs(time - (before + after) / 2) < 60000,
    },
  };
});
