export * as catalog from './catalog.ts';
export * as membership from './membership.ts';
export * as order from './order.ts';
export * from './events.ts';
