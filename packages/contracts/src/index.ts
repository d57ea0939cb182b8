export * as catalog from './catalog.ts';
export * as membership from './membership.ts';
export * as order from './order.ts';
export * as promotion from './promotion.ts';
export * from './events.ts';
