// Shared plumbing for the ably-js conformance scenarios.
//
// Every scenario is an ES module run as `node scenarios/<name>.js --port N --key K --format json|msgpack [...]`.
// It prints exactly ONE JSON line to stdout ({"ok":true|false,"scenario":...,"format":...,...}), writes
// diagnostics to stderr only, and always exits by itself: a hard deadline (--timeout-ms) prints an
// ok:false line and exits even if ably-js is stuck.
//
// On failure the ably-js log (captured at MICRO level into a ring buffer) is dumped to stderr, so the JUnit
// driver can show exactly which ProtocolMessages / HTTP requests went wrong. --log N additionally streams
// the ably-js log at level N (0-4) to stderr while running.

import { parseArgs } from 'node:util';
import Ably from 'ably';

export { Ably };

const LOG_RING_SIZE = 400;

/** Parses the common arguments plus scenario-specific `extra` options (node:util parseArgs format). */
export function parseCommonArgs(extra = {}) {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      key: { type: 'string' },
      format: { type: 'string', default: 'json' },
      channel: { type: 'string' },
      'timeout-ms': { type: 'string', default: '20000' },
      log: { type: 'string', default: '-1' },
      ...extra,
    },
  });
  if (!values.port || !/^\d+$/.test(values.port)) throw new Error('--port N is required');
  if (!values.key || !values.key.includes(':')) throw new Error('--key appName.keyName:secret is required');
  if (values.format !== 'json' && values.format !== 'msgpack') throw new Error('--format must be json or msgpack');
  return {
    ...values,
    port: Number(values.port),
    binary: values.format === 'msgpack',
    timeoutMs: Number(values['timeout-ms']),
    logLevel: Number(values.log),
    channel: values.channel || `conformance-${process.pid}-${Date.now()}`,
  };
}

/** Rejects with a descriptive error if `promise` does not settle within `ms`. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves once `predicate()` is true, re-checking whenever `notify` is called; rejects after `ms`. */
export function condition(predicate, ms, what) {
  let resolveFn;
  const promise = new Promise((resolve) => {
    resolveFn = resolve;
  });
  const check = () => {
    if (predicate()) resolveFn();
  };
  check();
  return { notify: check, done: withTimeout(promise, ms, what) };
}

/** Serialisable view of an ably ErrorInfo / Error. */
export function describeError(err) {
  if (err == null) return null;
  const out = { message: String(err.message ?? err) };
  if (err.code !== undefined) out.code = err.code;
  if (err.statusCode !== undefined) out.statusCode = err.statusCode;
  if (err.cause) out.cause = describeError(err.cause);
  if (!err.code && err.stack) out.stack = String(err.stack).split('\n').slice(0, 6).join('\n');
  return out;
}

/** Byte-exact equality for Buffer / ArrayBuffer / typed arrays. */
export function sameBytes(actual, expected) {
  if (actual == null) return false;
  const a = Buffer.isBuffer(actual) ? actual : ArrayBuffer.isView(actual)
    ? Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength)
    : actual instanceof ArrayBuffer ? Buffer.from(actual) : null;
  return a != null && Buffer.compare(a, Buffer.from(expected)) === 0;
}

/** Short type tag of a message payload, for reporting. */
export function typeOf(data) {
  if (data === null) return 'null';
  if (data === undefined) return 'undefined';
  if (Buffer.isBuffer(data)) return 'buffer';
  if (ArrayBuffer.isView(data) || data instanceof ArrayBuffer) return 'bytes';
  if (Array.isArray(data)) return 'array';
  return typeof data;
}

/**
 * Runs `body(ctx)` as scenario `scenario`, prints the single result line and exits.
 *
 * ctx: { args, realtime(opts), rest(opts), options(opts), log(msg) }. Clients made through ctx are closed
 * before exit. `body` returns an object merged into the result; if it has a `checks` object of booleans,
 * ok is true only if every check is true.
 */
export async function runScenario(scenario, body, extraArgs = {}) {
  const ring = [];
  const clients = [];
  let args;
  let finished = false;

  const stderr = (line) => process.stderr.write(line + '\n');
  const pushLog = (line) => {
    ring.push(line);
    if (ring.length > LOG_RING_SIZE) ring.shift();
  };

  const finish = (result, exitCode) => {
    if (finished) return;
    finished = true;
    const line = JSON.stringify(result, (k, v) => (typeof v === 'bigint' ? v.toString() : v));
    if (!result.ok) {
      stderr(`--- ${scenario}[${args?.format ?? '?'}] failed; last ${ring.length} ably-js log lines ---`);
      for (const l of ring) stderr(l);
    }
    for (const client of clients) {
      try {
        client.close?.();
      } catch {
        // ignore: exiting anyway
      }
    }
    process.stdout.write(line + '\n', () => process.exit(exitCode));
    // Belt and braces: never hang on a stuck stdout.
    setTimeout(() => process.exit(exitCode), 2000).unref();
  };

  try {
    args = parseCommonArgs(extraArgs);
  } catch (err) {
    finish({ ok: false, scenario, error: describeError(err) }, 2);
    return;
  }

  const deadline = setTimeout(() => {
    finish({ ok: false, scenario, format: args.format, error: { message: `scenario deadline of ${args.timeoutMs} ms exceeded` }, partial: ctx.partial }, 3);
  }, args.timeoutMs);

  const options = (extra = {}) => ({
    key: args.key,
    // ably-js 2.x: `endpoint` replaces the deprecated restHost/realtimeHost/environment. An IP/FQDN endpoint is
    // used verbatim as the primary host for both REST and realtime, and implies no fallback hosts (REC1b2, REC2c).
    endpoint: args.host,
    tls: false,
    port: args.port,
    useBinaryProtocol: args.binary,
    fallbackHosts: [],
    // Never probe https://internet-up.ably-realtime.com (only done after a failed connection attempt anyway).
    disableConnectivityCheck: true,
    logLevel: 4,
    logHandler: (msg, level) => {
      const line = `${new Date().toISOString()} [${level}] ${msg}`;
      pushLog(line);
      if (args.logLevel >= 0 && level <= args.logLevel) stderr(line);
    },
    ...extra,
  });

  const ctx = {
    args,
    partial: {},
    /**
     * Prints a coordination line (e.g. `READY`) on stdout before the result line, for drivers that must act
     * while the scenario runs. The driver treats the LAST stdout line as the result.
     */
    signal: (line) => new Promise((resolve) => process.stdout.write(line + '\n', resolve)),
    options,
    log: (msg) => pushLog(`${new Date().toISOString()} [scenario] ${msg}`),
    realtime: (extra = {}) => {
      const client = new Ably.Realtime(options(extra));
      clients.push(client);
      return client;
    },
    rest: (extra = {}) => {
      const client = new Ably.Rest(options(extra));
      clients.push(client);
      return client;
    },
    /** Waits for a realtime client to reach `connected`, failing fast on failed/suspended/closed. */
    connected: async (client, ms = 10000) => {
      if (client.connection.state === 'connected') return;
      await withTimeout(new Promise((resolve, reject) => {
        const listener = (change) => {
          if (change.current === 'connected') {
            client.connection.off(listener);
            resolve();
          } else if (['failed', 'suspended', 'closed'].includes(change.current)) {
            client.connection.off(listener);
            reject(Object.assign(new Error(`connection ${change.current}: ${change.reason?.message ?? 'no reason'}`), {
              code: change.reason?.code,
              statusCode: change.reason?.statusCode,
            }));
          }
        };
        client.connection.on(listener);
      }), ms, `connection to reach connected (state ${client.connection.state})`);
    },
  };

  try {
    const result = (await body(ctx)) ?? {};
    const checks = result.checks ?? {};
    const failed = Object.entries(checks).filter(([, v]) => v !== true).map(([k]) => k);
    const ok = failed.length === 0;
    clearTimeout(deadline);
    finish({ ok, scenario, format: args.format, ...(ok ? {} : { failedChecks: failed }), ...result }, ok ? 0 : 1);
  } catch (err) {
    clearTimeout(deadline);
    finish({ ok: false, scenario, format: args.format, error: describeError(err), partial: ctx.partial }, 1);
  }
}
