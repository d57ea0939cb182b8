export * as catalog from './catalog.ts';
export * as membership from './membership.ts';
export * from './events.ts';
