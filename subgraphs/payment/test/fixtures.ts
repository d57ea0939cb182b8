import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { events, membership, order, type EventData, type EventType } from '@mall/contracts';
import { AppError, DEV_WECHAT_PAY, ErrorCode, command, type CommandSpec, type EventEnvelope, type Identity, type z } from '@mall/kit';
import { answerCommands, as, eventEnvelope, graphql, publishEvent, startSubgraph, testNats, tokenFor, waitFor, type GraphQLResponse, type TestSubgraph } from '@mall/test-kit';
import { startFakeWechatPay, type FakeNotification, type FakeWechatPay } from '@mall/wechat-fake/pay';
import type { PaymentDeps } from '../src/context.ts';
import type { PaymentSchema } from '../src/db/schema.ts';
import { paymentSubgraph } from '../src/subgraph.ts';

/**
 * The payment subgraph alone, as its tests see it: its own GraphQL endpoint and notification
 * routes, a fake WeChat Pay with keys of this run, and its neighbours answered on NATS by
 * the test (order's `orders.paymentInfo`, membership's wallet commands and
 * `membership.member.payer`), validated by the same contracts as the real ones.
 */

/** What order answers `orders.paymentInfo` with. */
export type PaymentInfo = z.input<typeof order.paymentInfo.result>;

/** One entry of the stand-in membership's wallet ledger (one per member and idempotency key, as the real ledger). */
export interface WalletEntry {
  entryId: string;
  memberId: string;
  kind: 'PAY' | 'REFUND' | 'RECHARGE' | 'COMMISSION';
  amount: number;
  idempotencyKey: string;
}

/** Order, as payment's neighbour: the orders it knows, by id. */
export interface FakeOrder {
  orders: Map<string, PaymentInfo>;
  /** A new order of `memberId` awaiting payment of `payable` (expiring in 15 minutes), as order would answer it. */
  place(memberId: string, payable: number, changes?: Partial<PaymentInfo>): PaymentInfo;
}

/** Membership, as payment's neighbour: wallets, a ledger idempotent by key, and the payer's openid. */
export interface FakeMembership {
  wallets: Map<string, number>;
  entries: WalletEntry[];
  /** Members whose wallet credits membership refuses for good (NOT_FOUND, as for a member who is gone). */
  closed: Set<string>;
  /** Members whose wallet is at its limit: credits are refused (CONFLICT) until they leave the set. */
  full: Set<string>;
  /** Every wallet command membership received (answered or not yet), in order of arrival. */
  received: Array<{ subject: string; idempotencyKey: string }>;
  /** The openid `membership.member.payer` answers for a member. */
  openidOf(memberId: string): string;
  /** A slow membership: wallet commands arrive (see `received`) but none is answered until `release()`. */
  stallWallet(): { release(): void };
  /** No responder for wallet commands (`membership.member.payer` still answers) until `walletUp()`. */
  walletDown(): Promise<void>;
  /** Wallet commands are answered again (once this resolves, NATS knows the responder). */
  walletUp(): Promise<void>;
}

/** An open InnoDB transaction of a connection to payment's database (`information_schema.innodb_trx`). */
export interface OpenTransaction {
  id: string;
  thread: number;
  started: string;
  state: string;
  rowsModified: number;
  /** Row locks it holds (`trx_rows_locked`) and its isolation level: what tells a batch of the relay from a service's. */
  rowsLocked: number;
  isolation: string;
  query: string | null;
}

export interface TestPayment extends TestSubgraph<PaymentSchema, PaymentDeps> {
  deps: PaymentDeps;
  wechatPay: FakeWechatPay;
  /** What the fake WeChat Pay signs and encrypts with, and the app it serves. */
  wechatPayKeys: { mchid: string; appId: string; platformPrivateKey: KeyObject; platformKeyId: string; apiV3Key: string };
  /** This run's NATS subject prefix. */
  prefix: string;
  order: FakeOrder;
  membership: FakeMembership;
  /** One operation on payment's own `/graphql`, as `identity` (anonymous without). */
  query<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, identity?: Identity): Promise<GraphQLResponse<TData>>;
  /** The notification route of `kind`. */
  notifyUrl(kind: 'transaction' | 'refund'): string;
  /** Sends a notification request (as the fake built it, or tampered); resolves to payment's status. */
  post(request: Pick<FakeNotification, 'url' | 'headers' | 'body'>): Promise<number>;
  /** Publishes an event on this run's stream as its owner's relay would, checked against its contract. */
  publish<T extends EventType>(type: T, data: EventData<T>): Promise<EventEnvelope<EventData<T>>>;
  /** `mall_attention_needed_total{reason}` of payment, as an alert rule reads it. */
  attentionCount(reason: string): Promise<number>;
  /** The open transactions of payment's database connections, now. */
  openTransactions(): Promise<OpenTransaction[]>;
  /**
   * Transactions of payment's database that stay open across a pause of payment's own
   * background work: a sample, then the outbox relay's and the job runner's passes in
   * progress are waited for (their short transactions end), then a second sample. A
   * transaction in both samples is being held open while payment waits on something else.
   */
  transactionsHeldOpen(): Promise<OpenTransaction[]>;
  /** Holds payment `paymentId`'s row lock from a connection of the test's own until the returned function commits. */
  lockPayment(paymentId: number | string): Promise<() => Promise<void>>;
  /** Waits until `count` statements of payment's database wait for a payment's row lock. */
  lockWaits(count: number): Promise<void>;
  close(): Promise<void>;
}

const pem = (key: KeyObject, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }).toString();

/** Answers commands on this run's subjects; resolves once NATS has the responders. */
type Answer = (specs: CommandSpec[]) => Promise<() => Promise<void>>;

async function fakeOrder(answer: Answer): Promise<FakeOrder & { stop(): Promise<void> }> {
  const orders = new Map<string, PaymentInfo>();
  let next = 100;
  const stop = await answer([
    command(order.paymentInfo, async ({ orderId }) => {
      const info = orders.get(orderId);
      if (!info) throw new AppError(ErrorCode.NOT_FOUND, `Order ${orderId} not found.`);
      return info;
    }),
  ]);
  return {
    orders,
    place(memberId, payable, changes = {}) {
      next += 1;
      const info: PaymentInfo = {
        orderId: String(next),
        orderNo: `O2026${String(next).padStart(8, '0')}`,
        memberId,
        shopId: '3',
        status: 'PENDING_PAYMENT',
        payable,
        expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
        description: '示例商品 等1件',
        ...changes,
      };
      orders.set(info.orderId, info);
      return info;
    },
    stop,
  };
}

async function fakeMembership(answer: Answer): Promise<FakeMembership & { stop(): Promise<void> }> {
  const wallets = new Map<string, number>();
  const entries: WalletEntry[] = [];
  const closed = new Set<string>();
  const full = new Set<string>();
  const received: FakeMembership['received'] = [];
  let stalled: Promise<void> | null = null;
  let unstall: () => void = () => {};

  function post(memberId: string, kind: WalletEntry['kind'], delta: number, idempotencyKey: string) {
    const previous = entries.find((e) => e.memberId === memberId && e.idempotencyKey === idempotencyKey);
    if (previous) {
      if (previous.kind !== kind || previous.amount !== Math.abs(delta)) throw new AppError(ErrorCode.CONFLICT, `Idempotency key ${idempotencyKey} was already used for a different request.`);
      return { entryId: previous.entryId, balance: wallets.get(memberId) ?? 0, replayed: true };
    }
    const balance = (wallets.get(memberId) ?? 0) + delta;
    if (balance < 0) throw new AppError(ErrorCode.CONFLICT, 'The wallet balance is short.', { reason: 'INSUFFICIENT_BALANCE' });
    const entry: WalletEntry = { entryId: String(entries.length + 1), memberId, kind, amount: Math.abs(delta), idempotencyKey };
    entries.push(entry);
    wallets.set(memberId, balance);
    return { entryId: entry.entryId, balance, replayed: false };
  }

  async function arrive(subject: string, idempotencyKey: string): Promise<void> {
    received.push({ subject, idempotencyKey });
    if (stalled) await stalled;
  }

  const walletCommands = [
    command(membership.walletDebit, async (r) => {
      await arrive(membership.walletDebit.subject, r.idempotencyKey);
      return post(r.memberId, 'PAY', -r.amount, r.idempotencyKey);
    }),
    command(membership.walletCredit, async (r) => {
      await arrive(membership.walletCredit.subject, r.idempotencyKey);
      if (closed.has(r.memberId)) throw new AppError(ErrorCode.NOT_FOUND, `Member ${r.memberId} not found.`);
      if (full.has(r.memberId)) throw new AppError(ErrorCode.CONFLICT, 'The wallet would pass its limit.', { reason: 'WALLET_LIMIT' });
      return { ...post(r.memberId, r.kind, r.amount, r.idempotencyKey), bonus: 0 };
    }),
  ];
  const openidOf = (memberId: string) => `o${memberId.padStart(27, '0')}`;
  const stopPayer = await answer([command(membership.payer, async ({ memberId }) => ({ openid: openidOf(memberId) }))]);
  let stopWallet: (() => Promise<void>) | null = await answer(walletCommands);
  const walletDown = async () => {
    await stopWallet?.();
    stopWallet = null;
  };
  return {
    wallets,
    entries,
    closed,
    full,
    received,
    openidOf,
    stallWallet() {
      let open: () => void = () => {};
      stalled = new Promise<void>((resolve) => (open = resolve));
      unstall = () => {
        stalled = null;
        open();
      };
      return { release: () => unstall() };
    },
    walletDown,
    async walletUp() {
      stopWallet ??= await answer(walletCommands);
    },
    async stop() {
      unstall();
      await Promise.all([walletDown(), stopPayer()]);
    },
  };
}

/**
 * Starts payment on a fresh database with the production factory, a fake WeChat Pay of
 * this run's keys, and its neighbours answered by the test. The periodic sweep runs at
 * start and then only when a test calls `sweep(deps)`; the DEV method is on.
 */
export async function startPayment(env: Record<string, string> = {}): Promise<TestPayment> {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = {
    mchid: '1230000109',
    appId: DEV_WECHAT_PAY.appId,
    platformPrivateKey: platform.privateKey,
    platformKeyId: `PUB_KEY_ID_${randomBytes(6).toString('hex')}`,
    apiV3Key: randomBytes(16).toString('hex'),
  };
  const wechatPay = await startFakeWechatPay({
    mchid: keys.mchid,
    appId: keys.appId,
    merchantPublicKey: merchant.publicKey,
    platformPrivateKey: keys.platformPrivateKey,
    platformKeyId: keys.platformKeyId,
    apiV3Key: keys.apiV3Key,
  });
  const subgraph = await startSubgraph(paymentSubgraph, {
    WECHAT_PAY_API_BASE: wechatPay.url,
    WECHAT_PAY_MCHID: keys.mchid,
    WECHAT_APP_ID: keys.appId,
    WECHAT_PAY_MERCHANT_PRIVATE_KEY: pem(merchant.privateKey, 'pkcs8'),
    WECHAT_PAY_MERCHANT_SERIAL: randomBytes(20).toString('hex').toUpperCase(),
    WECHAT_PAY_PLATFORM_PUBLIC_KEY: pem(platform.publicKey, 'spki'),
    WECHAT_PAY_PLATFORM_KEY_ID: keys.platformKeyId,
    WECHAT_PAY_APIV3_KEY: keys.apiV3Key,
    PAYMENT_DEV_METHOD: 'true',
    // A sweep in the middle of a test would answer for the code under test; tests sweep themselves.
    PAYMENT_SWEEP_INTERVAL_MS: '600000',
    ...env,
  });
  const deps = subgraph.subgraph.deps;
  const prefix = deps.config.events.prefix;
  const nats = await testNats();
  const answer: Answer = async (specs) => {
    const stop = answerCommands(nats, prefix, specs);
    // The subscriptions go out on the test's connection, the requests come on payment's: flushed, NATS has them first.
    await nats.flush();
    return stop;
  };
  const orderNeighbour = await fakeOrder(answer);
  const membershipNeighbour = await fakeMembership(answer);
  const base = subgraph.url.replace(/\/graphql$/, '');

  /**
   * innodb_trx is a snapshot InnoDB refreshes only when nobody read it in the last 100 ms,
   * so a read proves itself fresh: it runs inside a transaction of its own and counts only
   * when that transaction is in it, running this very statement (a token new for each read
   * is in its text: an older snapshot of the same connection cannot pass for it). A stale
   * one is read again.
   */
  async function openTransactions(): Promise<OpenTransaction[]> {
    const connection = await deps.database.pool.getConnection();
    try {
      return await waitFor('a fresh innodb_trx', async () => {
        const token = `fresh-${randomBytes(8).toString('hex')}`;
        await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
        try {
          const [rows] = await connection.query(
            `SELECT CAST(t.trx_id AS CHAR) AS id, t.trx_mysql_thread_id AS thread, CAST(t.trx_started AS CHAR) AS started,
                    t.trx_state AS state, t.trx_rows_modified AS rowsModified,
                    t.trx_rows_locked AS rowsLocked, t.trx_isolation_level AS isolation, t.trx_query AS query,
                    (t.trx_mysql_thread_id = CONNECTION_ID() AND INSTR(t.trx_query, '${token}') > 0) AS own
               FROM information_schema.innodb_trx t JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id
              WHERE p.db = ?`,
            [deps.database.name],
          );
          const all = rows as Array<OpenTransaction & { own: number | null }>;
          // Not fresh yet: read again once InnoDB's cache of the table (kept while it is read
          // more often than every 0.1 s) has lapsed.
          if (!all.some((t) => t.own)) return undefined;
          return all.filter((t) => t.thread !== all.find((o) => o.own)!.thread).map(({ own: _own, ...t }) => t);
        } finally {
          await connection.query('ROLLBACK');
        }
      }, 10_000, 150);
    } finally {
      connection.release();
    }
  }

  return {
    ...subgraph,
    deps,
    wechatPay,
    wechatPayKeys: keys,
    prefix,
    order: orderNeighbour,
    membership: membershipNeighbour,
    async query(query, variables = {}, identity) {
      return graphql(subgraph.url, query, variables, identity ? { token: await tokenFor(identity) } : {});
    },
    notifyUrl: (kind) => `${base}/notify/wechatpay/${kind}`,
    async post(request) {
      const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
      await response.arrayBuffer();
      return response.status;
    },
    async publish(type, data) {
      const checked = events.schemas[type].parse(data) as EventData<typeof type>;
      const envelope = eventEnvelope(type, checked, type.split('.')[0]);
      await publishEvent(nats, prefix, type, envelope);
      return envelope;
    },
    async attentionCount(reason) {
      const text = await (await fetch(deps.metrics.url()!)).text();
      return Number(new RegExp(`^mall_attention_needed_total\\{[^}]*reason="${reason}"[^}]*\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    },
    openTransactions,
    async transactionsHeldOpen() {
      const before = await openTransactions();
      // A pass of the job runner queued now runs after the poller's current one; a drain of
      // the relay joins the one in flight. Once both resolve, their transactions have ended.
      await Promise.all([subgraph.subgraph.jobs?.runDue(new Date(0)), deps.relay?.drainOnce()]);
      const after = await openTransactions();
      return after.filter((t) => before.some((b) => b.id === t.id && b.thread === t.thread && b.started === t.started));
    },
    async lockPayment(paymentId) {
      const connection = await deps.database.pool.getConnection();
      await connection.query('START TRANSACTION');
      await connection.query('SELECT id FROM payments WHERE id = ? FOR UPDATE', [Number(paymentId)]);
      return async () => {
        await connection.query('COMMIT');
        connection.release();
      };
    },
    async lockWaits(count) {
      // The process list is live (innodb_trx is a snapshot): a statement locking the payment
      // row that is still running while the test holds that lock is waiting for it.
      await waitFor(`${count} statements waiting for a payment's row lock`, async () => {
        const [rows] = await deps.database.pool.query(
          "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = ? AND command = 'Query' AND info LIKE 'select % from `payments` %for update'",
          [deps.database.name],
        );
        return Number((rows as Array<{ n: number }>)[0]!.n) >= count;
      });
    },
    async close() {
      await Promise.all([orderNeighbour.stop(), membershipNeighbour.stop()]);
      await subgraph.stop();
      await nats.drain();
      await wechatPay.close();
    },
  };
}

/** A forged, correctly signed and encrypted payment notification of `paymentNo` (tests change its resource). */
export function paidNotification(payment: TestPayment, paymentNo: string, resource: Record<string, unknown> = {}): FakeNotification {
  const transaction = payment.wechatPay.transactions.get(paymentNo);
  if (!transaction) throw new Error(`the fake WeChat Pay has no transaction ${paymentNo}`);
  const { total } = transaction.amount;
  return payment.wechatPay.notification(payment.notifyUrl('transaction'), 'TRANSACTION.SUCCESS', '支付成功', {
    appid: transaction.appid,
    mchid: transaction.mchid,
    out_trade_no: paymentNo,
    transaction_id: `4200${Date.now()}${randomBytes(4).toString('hex')}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    success_time: new Date().toISOString(),
    payer: transaction.payer,
    amount: { total, payer_total: total, currency: 'CNY', payer_currency: 'CNY' },
    ...resource,
  }, 'transaction');
}

let members = 7000;
/** A member id no other test of the file uses. */
export const newMember = (): string => String((members += 1));

export const PAY_ORDER = `mutation ($orderId: ID!, $method: PaymentMethod!) {
  payOrder(orderId: $orderId, method: $method) {
    payment { id paymentNo status method amount { amount } failureReason }
    wechatPay { timeStamp nonceStr package signType paySign }
  }
}`;

export interface PayOrderData {
  payOrder: {
    payment: { id: string; paymentNo: string; status: string; method: string; amount: { amount: number }; failureReason: string | null };
    wechatPay: { timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string } | null;
  };
}

/** `payOrder` by the order's own member. */
export function payOrder(payment: TestPayment, info: PaymentInfo, method: 'WECHAT' | 'BALANCE' | 'DEV'): Promise<GraphQLResponse<PayOrderData>> {
  return payment.query<PayOrderData>(PAY_ORDER, { orderId: info.orderId, method }, as.member(info.memberId));
}

/** A new member's order of `payable`, paid (DEV: the fake WeChat Pay takes it and notifies; BALANCE: from a wallet funded for it). */
export async function paidOrder(payment: TestPayment, payable: number, method: 'DEV' | 'BALANCE' = 'DEV') {
  const info = payment.order.place(newMember(), payable);
  if (method === 'BALANCE') payment.membership.wallets.set(info.memberId, payable);
  const paid = await payOrder(payment, info, method);
  if (paid.data?.payOrder.payment.status !== 'SUCCEEDED') throw new Error(`payOrder did not succeed: ${JSON.stringify(paid.errors ?? paid.data)}`);
  return { info, payment: paid.data.payOrder.payment };
}
