import { afterAll, beforeAll } from 'vitest';
import type { EventData, EventType } from '@mall/contracts';
import { command, hasProcessed, type CommandSpec, type NatsConnection } from '@mall/kit';
import { answerCommands, as, eventEnvelope, graphql, publishEvent, startSubgraph, testNats, tokenFor, waitFor, type TestSubgraph } from '@mall/test-kit';
import type { DistributionDeps } from '../src/context.ts';
import type { DistributionSchema } from '../src/db/schema.ts';
import { distributionSubgraph } from '../src/subgraph.ts';

/**
 * Distribution against the real MariaDB and NATS: order's events published onto its stream as
 * order's relay would, membership's commands answered by the test (`neighbours`), everything
 * else through its GraphQL. Call `useDistribution()` at the top of a test file.
 */
export function useDistribution(neighbours: (nats: NatsConnection) => CommandSpec[] = () => []) {
  let t!: TestSubgraph<DistributionSchema, DistributionDeps>;
  let nats!: NatsConnection;
  let admin = '';
  let stopNeighbours: () => Promise<void> = async () => {};
  beforeAll(async () => {
    t = await startSubgraph(distributionSubgraph);
    nats = await testNats();
    admin = await tokenFor(as.admin());
    stopNeighbours = answerCommands(nats, t.subgraph.deps.config.events.prefix, neighbours(nats));
  });
  afterAll(async () => {
    await stopNeighbours();
    await nats?.drain();
    await t?.stop();
  });

  const db = () => t.subgraph.deps.db;
  async function ask<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const answer = await graphql<T>(t.url, query, variables, { token });
    if (!answer.data) throw new Error(JSON.stringify(answer.errors));
    return answer.data;
  }
  const CONSUMERS: Partial<Record<EventType, string>> = { 'order.paid': 'distribution-order-paid', 'order.refunded': 'distribution-order-refunded', 'order.closed': 'distribution-order-closed', 'order.settled': 'distribution-order-settled' };
  /** An event of order's, as its relay publishes it, applied by distribution before this returns. */
  async function publish<T extends EventType>(type: T, data: EventData<T>): Promise<void> {
    const envelope = eventEnvelope(type, data, 'order');
    await publishEvent(nats, t.subgraph.deps.config.events.prefix, type, envelope);
    await waitFor(`${type} applied`, () => hasProcessed(db(), CONSUMERS[type]!, envelope.id));
  }

  let nextMember = Math.floor(Math.random() * 1_000_000) * 100 + 10_000_000;
  let nextOrder = Math.floor(Math.random() * 1_000_000) * 100 + 20_000_000;
  const newMember = async () => {
    const id = nextMember++;
    return { id, token: await tokenFor(as.member(String(id))) };
  };

  const SETTINGS = 'mutation ($input: DistributionSettingsInput!) { setDistributionSettings(input: $input) { levels level1Rate level2Rate bindRule lockDays } }';
  const rules = (input: Record<string, unknown>) => ask(SETTINGS, { input: { eligibility: 'APPLICATION', bindRule: 'FIRST_TOUCH', levels: 2, level1Rate: 1000, level2Rate: 500, ...input } }, admin);

  /** A member who applied and was approved: their share code. */
  async function distributor(member: Member): Promise<string> {
    const applied = await ask<{ applyDistributor: { status: string; code: string } }>('mutation { applyDistributor { status code } }', {}, member.token);
    if (applied.applyDistributor.status === 'PENDING') await ask('mutation ($id: ID!) { decideDistributor(memberId: $id, approve: true) { status } }', { id: String(member.id) }, admin);
    return applied.applyDistributor.code;
  }
  const bind = (member: Member, code: string) => graphql<{ bindReferrer: { distributor: { id: string }; source: string } }>(t.url, 'mutation ($code: String!) { bindReferrer(code: $code, source: "product:12") { distributor { id } source } }', { code }, { token: member.token });

  const BALANCES = 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Member { distributor { balances { pending { amount } available { amount } receivable { amount } withdrawing { amount } withdrawn { amount } settled { amount } } } } } }';
  async function balancesOf(member: Member): Promise<Balances> {
    const data = await ask<{ _entities: Array<{ distributor: { balances: Record<keyof Balances, { amount: number }> } | null }> }>(BALANCES, { reps: [{ __typename: 'Member', id: String(member.id) }] }, member.token);
    const b = data._entities[0]!.distributor!.balances;
    return { pending: b.pending.amount, available: b.available.amount, receivable: b.receivable.amount, withdrawing: b.withdrawing.amount, withdrawn: b.withdrawn.amount, settled: b.settled.amount };
  }

  /** An order of `lines` (what each line was paid) placed by `buyer` at `placedAt`, as order's events carry it. */
  function orderOf(buyer: Member, paid: number[], placedAt = new Date()) {
    const orderId = nextOrder++;
    const lines = paid.map((amount, i) => ({ skuId: String(9000 + i), quantity: 1, lineId: String(orderId * 10 + i), productId: String(800 + i), paid: amount }));
    const event = { orderId: String(orderId), orderNo: `DO${orderId}`, memberId: String(buyer.id), shopId: '1', status: 'PAID' as const, payable: paid.reduce((a, b) => a + b, 0) + 600, lines, reason: null, placedAt: placedAt.toISOString() };
    return { ...event, lineIds: lines.map((l) => l.lineId) };
  }

  /** A paid order of `paid` cents by a buyer bound to `seller`, settled: what it earned is available. */
  async function earn(seller: Member, code: string, paid: number) {
    const buyer = await newMember();
    await bind(buyer, code);
    const order = orderOf(buyer, [paid]);
    await publish('order.paid', order);
    await publish('order.settled', { ...order, status: 'COMPLETED', paid: order.payable });
    return order;
  }

  return {
    get t() {
      return t;
    },
    get nats() {
      return nats;
    },
    get admin() {
      return admin;
    },
    db, ask, publish, newMember, rules, distributor, bind, balancesOf, orderOf, earn, SETTINGS,
  };
}

export type Member = { id: number; token: string };
export type Balances = { pending: number; available: number; receivable: number; withdrawing: number; withdrawn: number; settled: number };
export { command };
