export * as membership from './membership.ts';
