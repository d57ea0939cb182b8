import type { AuthPayloadResolvers } from '../generated/graphql.ts';

export const AuthPayload: AuthPayloadResolvers = {
  tokenType: () => 'Bearer',
};
