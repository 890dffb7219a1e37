// Connect two realtime clients, attach, and round-trip a string, a JSON object and binary data.
import { runScenario, condition, sameBytes, typeOf } from '../lib/harness.js';
import { isDeepStrictEqual } from 'node:util';

const JSON_PAYLOAD = { greeting: 'héllo ✓', n: 42, f: 1.5, flag: true, none: null, list: [1, 'two', { three: 3 }] };
const BINARY_PAYLOAD = [0, 1, 2, 127, 128, 254, 255];

await runScenario('pubsub', async (ctx) => {
  const publisher = ctx.realtime();
  const subscriber = ctx.realtime();
  await Promise.all([ctx.connected(publisher), ctx.connected(subscriber)]);

  const received = [];
  const inbound = subscriber.channels.get(ctx.args.channel);
  const arrived = condition(() => received.length >= 3, 10000, 'subscriber to receive 3 messages');
  // subscribe() implicitly attaches and resolves once attached.
  await inbound.subscribe((message) => {
    received.push(message);
    arrived.notify();
  });
  const subscriberChannelState = inbound.state;

  const outbound = publisher.channels.get(ctx.args.channel);
  await outbound.attach();
  // Each publish resolves when the server ACKs it.
  await outbound.publish('string', 'hello world');
  await outbound.publish('json', JSON_PAYLOAD);
  await outbound.publish('binary', Buffer.from(BINARY_PAYLOAD));
  await arrived.done;

  const byName = Object.fromEntries(received.map((m) => [m.name, m]));
  const describe = (m) => m && {
    name: m.name,
    type: typeOf(m.data),
    encoding: m.encoding ?? null,
    hasId: typeof m.id === 'string' && m.id.length > 0,
    hasTimestamp: typeof m.timestamp === 'number' && m.timestamp > 0,
    connectionId: m.connectionId,
  };
  return {
    connectionIds: { publisher: publisher.connection.id, subscriber: subscriber.connection.id },
    channelState: subscriberChannelState,
    received: received.map(describe),
    checks: {
      attached: subscriberChannelState === 'attached' && outbound.state === 'attached',
      count: received.length === 3,
      order: received.map((m) => m.name).join(',') === 'string,json,binary',
      string: byName.string?.data === 'hello world',
      json: isDeepStrictEqual(byName.json?.data, JSON_PAYLOAD),
      binary: sameBytes(byName.binary?.data, BINARY_PAYLOAD),
      decoded: received.every((m) => m.encoding == null),
      ids: received.every((m) => typeof m.id === 'string' && m.id.length > 0),
      timestamps: received.every((m) => typeof m.timestamp === 'number' && m.timestamp > 0),
      connectionId: received.every((m) => m.connectionId === publisher.connection.id),
    },
  };
});
