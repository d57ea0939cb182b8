import { order as contracts } from '@mall/contracts';
import { serveCommand, type CommandSender, type Logger, type NatsConnection, type OutboxRelay, type Subscription } from '@mall/kit';
import type { OrderDb } from './context.ts';
import { markPaid, paymentInfoOf } from './services/payments.ts';

/** Answers order's NATS commands in queue group `order`. */
export function serveOrderCommands(nats: NatsConnection, db: OrderDb, send: CommandSender, relay: OutboxRelay, log: Logger, prefix: string): Subscription[] {
  return [
    serveCommand(nats, contracts.markPaid, async ({ orderId, paymentRef, amount }) => {
      const { order, replayed } = await markPaid(db, send, log, { orderId: Number(orderId), paymentRef, amount });
      relay.nudge();
      return { status: order.status, replayed };
    }, { queue: 'order', log, prefix }),
    serveCommand(nats, contracts.paymentInfo, ({ orderId }) => paymentInfoOf(db, Number(orderId)), { queue: 'order', log, prefix }),
  ];
}
