// ably-js 2.x realtime benchmark driver: the node twin of the Java RealtimeDriver (same arguments, same JSON line).
//
//   node driver.js --host 127.0.0.1 --port N --key K --format msgpack|json --scenario connect|publish|latency
//                  --messages N --size BYTES --rate R [--warmup 2000] [--connects 20] [--warmup-connects 3]
//                  [--timeout 55]
//
// Prints exactly ONE JSON line on stdout (ably-js logs go to stderr) and always exits by itself: at --timeout the
// line so far is printed with ok:false.

import { parseArgs } from 'node:util';
import Ably from 'ably';

const o = parseOptions();
const line = { ok: false, sdk: 'ably-js', format: o.format, scenario: o.scenario };
let printed = false;

function parseOptions() {
  const opt = (def) => ({ type: 'string', default: def });
  const { values: v } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      host: opt('127.0.0.1'), port: opt(undefined), key: opt(undefined), format: opt('msgpack'),
      scenario: opt(undefined), messages: opt('10000'), size: opt('100'), rate: opt('1000'), warmup: opt('2000'),
      connects: opt('20'), 'warmup-connects': opt('3'), timeout: opt('55'), sdk: opt('ably-js'),
    },
  });
  if (!/^\d+$/.test(v.port ?? '') || !v.key?.includes(':')) throw new Error('--port N and --key K are required');
  if (!['msgpack', 'json'].includes(v.format)) throw new Error('--format must be msgpack or json');
  if (!['connect', 'publish', 'latency'].includes(v.scenario)) throw new Error('--scenario connect|publish|latency');
  return {
    host: v.host, port: Number(v.port), key: v.key, format: v.format, scenario: v.scenario,
    messages: Number(v.messages), size: Number(v.size), rate: Number(v.rate), warmup: Number(v.warmup),
    connects: Number(v.connects), warmupConnects: Number(v['warmup-connects']), timeoutMs: Number(v.timeout) * 1000,
  };
}

function finish() {
  if (printed) return;
  printed = true;
  process.stdout.write(`${JSON.stringify(line)}\n`, () => process.exit(line.ok ? 0 : 1));
}

const round3 = (x) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null);
const nowNs = () => process.hrtime.bigint();
const msSince = (t0) => Number(nowNs() - t0) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Nearest rank, as in the Java driver's Stats.percentile.
function percentile(values, p) {
  if (values.length === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
}

function median(values) {
  if (values.length === 0) return NaN;
  const s = Float64Array.from(values).sort();
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** The option set known to work against the embedded server; logs to stderr so stdout keeps one line. */
function client() {
  return new Ably.Realtime({
    key: o.key, endpoint: o.host, port: o.port, tls: false, useBinaryProtocol: o.format === 'msgpack',
    fallbackHosts: [], disableConnectivityCheck: true,
    logHandler: (msg) => console.error(msg),
  });
}

function connected(realtime) {
  return new Promise((resolve, reject) => {
    const check = (change) => {
      const state = change?.current ?? realtime.connection.state;
      if (state === 'connected') {
        realtime.connection.off(check);
        resolve();
      } else if (['failed', 'suspended', 'closed'].includes(state)) {
        realtime.connection.off(check);
        reject(new Error(`connection ${state}: ${change?.reason?.message ?? ''}`));
      }
    };
    realtime.connection.on(check);
    check();
  });
}

/** Closes and waits (bounded) for CLOSED, so sequential connects do not overlap. */
async function close(realtime) {
  if (['closed', 'failed'].includes(realtime.connection.state)) return;
  const closed = new Promise((resolve) => realtime.connection.once('closed', resolve));
  realtime.close();
  await Promise.race([closed, sleep(5000)]);
}

const channelName = (scenario) => `bench-${scenario}-${process.pid}-${Date.now()}`;

async function connectScenario() {
  const measured = [];
  const total = o.warmupConnects + o.connects;
  for (let i = 0; i < total; i++) {
    const t0 = nowNs();
    const realtime = client();
    let ms;
    try {
      await connected(realtime);
      ms = msSince(t0);
    } finally {
      await close(realtime);
    }
    if (i === 0) line.first_connect_ms = round3(ms);
    if (i >= o.warmupConnects) {
      measured.push(ms);
      line.connects = measured.length;
      line.connect_ms_median = round3(median(measured));
      line.connect_ms_p99 = round3(percentile(measured, 99));
    }
  }
  line.ok = measured.length === o.connects;
}

/** Counts ACKs/NACKs of publishes and notes when the last one came back. */
function tally(expected) {
  const t = { acked: 0, failed: 0, firstFailure: null, lastNs: 0n };
  let resolveDone;
  t.done = new Promise((r) => { resolveDone = r; });
  const counted = () => {
    if (t.acked + t.failed === expected) {
      t.lastNs = nowNs();
      resolveDone();
    }
  };
  t.ack = () => { t.acked++; counted(); };
  t.fail = (err) => { t.failed++; t.firstFailure ??= err; counted(); };
  if (expected === 0) resolveDone();
  return t;
}

function burst(channel, count, data) {
  const t = tally(count);
  for (let i = 0; i < count; i++) channel.publish('bench', data).then(t.ack, t.fail);
  return t;
}

async function publishScenario() {
  const data = 'x'.repeat(o.size);
  const realtime = client();
  try {
    await connected(realtime);
    const channel = realtime.channels.get(channelName('publish'));
    await channel.attach();
    if (o.warmup > 0) {
      const warm = burst(channel, o.warmup, data);
      await warm.done;
      if (warm.failed > 0) throw new Error(`warm-up: ${warm.failed} NACKed, first: ${warm.firstFailure?.message}`);
    }
    const cpu0 = process.cpuUsage();
    const t0 = nowNs();
    const t = burst(channel, o.messages, data);
    line.acked = 0;
    // Progress is copied into the line so a timeout still reports it.
    const progress = setInterval(() => { line.acked = t.acked; line.failed = t.failed; }, 100);
    await t.done;
    clearInterval(progress);
    const cpu = process.cpuUsage(cpu0);
    const seconds = Number(t.lastNs - t0) / 1e9;
    line.acked = t.acked;
    line.failed = t.failed;
    line.msgs_per_s = round3(t.acked / seconds);
    line.cpu_s_per_1000 = round3(t.acked === 0 ? NaN : ((cpu.user + cpu.system) / 1e6 / t.acked) * 1000);
    line.seconds = round3(seconds);
    if (t.firstFailure) line.error = String(t.firstFailure?.message ?? t.firstFailure);
    line.ok = t.acked === o.messages && t.failed === 0;
  } finally {
    await close(realtime);
  }
}

/**
 * Publishes `count` messages named `<prefix><seq>:<hrtime ns>` at `rate`/s. Timers have 1 ms resolution, so each
 * tick publishes every message that is due by now (at 1000/s that is usually one); a late tick does not burst
 * beyond what is due.
 */
function paced(channel, prefix, count, data) {
  const t = tally(count);
  const intervalNs = 1e9 / o.rate;
  const start = nowNs();
  let i = 0;
  const tick = () => {
    const elapsed = Number(nowNs() - start);
    while (i < count && i * intervalNs <= elapsed) {
      channel.publish(`${prefix}${i}:${nowNs()}`, data).then(t.ack, t.fail);
      i++;
    }
    if (i < count) setTimeout(tick, Math.max(0, Math.floor((i * intervalNs - Number(nowNs() - start)) / 1e6)));
  };
  tick();
  return t;
}

async function latencyScenario() {
  const data = 'x'.repeat(o.size);
  const name = channelName('latency');
  const latencies = new Float64Array(o.messages);
  const seen = new Uint8Array(o.messages);
  const r = { received: 0, dupes: 0, warmup: 0 };
  let notify = () => {};
  const onMessage = (msg) => {
    const now = nowNs();
    const n = msg.name ?? '';
    if (n.startsWith('L:')) {
      const colon = n.indexOf(':', 2);
      const seq = Number(n.slice(2, colon));
      if (seq >= 0 && seq < o.messages) {
        if (seen[seq]) r.dupes++;
        else {
          seen[seq] = 1;
          latencies[seq] = Number(now - BigInt(n.slice(colon + 1))) / 1e6;
          r.received++;
        }
      }
    } else if (n.startsWith('W:')) r.warmup++;
    notify();
  };
  const until = (predicate) => new Promise((resolve) => {
    notify = () => { if (predicate()) resolve(); };
    notify();
  });
  const subscriber = client();
  const publisher = client();
  try {
    await Promise.all([connected(subscriber), connected(publisher)]);
    const subChannel = subscriber.channels.get(name);
    await subChannel.subscribe(onMessage);
    const pubChannel = publisher.channels.get(name);
    await pubChannel.attach();
    if (o.warmup > 0) {
      const warm = paced(pubChannel, 'W:', o.warmup, data);
      await warm.done;
      await until(() => r.warmup >= o.warmup);
      if (warm.failed > 0) throw new Error(`warm-up: ${warm.failed} NACKed`);
    }
    const t = paced(pubChannel, 'L:', o.messages, data);
    const report = () => {
      const ms = Array.from(latencies).filter((_, i) => seen[i]);
      line.p50_ms = round3(percentile(ms, 50));
      line.p90_ms = round3(percentile(ms, 90));
      line.p99_ms = round3(percentile(ms, 99));
      line.max_ms = round3(percentile(ms, 100));
      line.received = r.received;
      line.acked = t.acked;
      line.dupes = r.dupes;
      if (t.firstFailure) line.error = String(t.firstFailure?.message ?? t.firstFailure);
    };
    const progress = setInterval(report, 250);
    await t.done;
    await until(() => r.received >= o.messages);
    // A short grace period so duplicates arriving just after the last message are counted too.
    await sleep(200);
    clearInterval(progress);
    report();
    line.ok = r.received === o.messages && t.acked === o.messages && t.failed === 0;
  } finally {
    await Promise.all([close(publisher), close(subscriber)]);
  }
}

setTimeout(() => {
  line.ok = false;
  line.error ??= `timed out after ${o.timeoutMs / 1000} s`;
  finish();
}, o.timeoutMs);

const scenarios = { connect: connectScenario, publish: publishScenario, latency: latencyScenario };
try {
  if (o.scenario === 'connect') line.connects_requested = o.connects;
  else Object.assign(line, { messages: o.messages, size: o.size }, o.scenario === 'latency' ? { rate: o.rate } : {});
  await scenarios[o.scenario]();
} catch (err) {
  line.ok = false;
  line.error ??= String(err?.message ?? err);
  console.error(err);
}
finish();
