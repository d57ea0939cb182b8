import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  conflict,
  connectNats,
  createLogger,
  defineCommand,
  loadSubgraphConfig,
  sendCommand,
  serveCommand,
  z,
  type NatsConnection,
} from '../src/index.ts';

// A subject of its own per run, so parallel runs on one NATS server never answer each other.
const subject = `test.${randomUUID()}.double`;
const double = defineCommand(subject, z.object({ n: z.number().int() }), z.object({ doubled: z.number().int() }));
const log = createLogger('test', 'silent');
let server: NatsConnection;
let client: NatsConnection;

beforeAll(async () => {
  const url = loadSubgraphConfig('catalog').natsUrl;
  [server, client] = await Promise.all([connectNats(url, 'test-server'), connectNats(url, 'test-client')]);
  serveCommand(server, double, async ({ n }) => {
    if (n === 13) throw conflict('13 is unlucky.');
    if (n === 99) throw new Error('database exploded at 10.0.0.7');
    return { doubled: n * 2 };
  }, { queue: 'test', log });
  await server.flush();
});
afterAll(async () => {
  await Promise.all([server?.drain(), client?.drain()]);
});

describe('typed NATS commands', () => {
  it('answers with the typed result', async () => {
    await expect(sendCommand(client, double, { n: 21 })).resolves.toEqual({ doubled: 42 });
  });

  it('brings a refusal back with its code, and masks an unexpected failure', async () => {
    await expect(sendCommand(client, double, { n: 13 })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' }, message: '13 is unlucky.' });
    const failure = sendCommand(client, double, { n: 99 });
    await expect(failure).rejects.toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    await expect(failure).rejects.not.toThrow(/10\.0\.0\.7/);
  });

  it('refuses a malformed request at both ends, naming the field', async () => {
    await expect(sendCommand(client, double, { n: 1.5 })).rejects.toThrow();
    const raw = await client.request(subject, new TextEncoder().encode('{"n":"x"}'), { timeout: 2000 });
    expect(JSON.parse(raw.string())).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', extensions: { field: 'n' } });
  });

  it('says SERVICE_UNAVAILABLE when nobody serves the subject', async () => {
    const nobody = defineCommand(`test.${randomUUID()}.nobody`, z.object({}), z.object({}));
    await expect(sendCommand(client, nobody, {}, { timeoutMs: 1000 })).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
  });
});
