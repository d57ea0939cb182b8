import type { MemberLevelResolvers } from '../generated/graphql.ts';
import { nextLevel } from '../services/levels.ts';

export const MemberLevel: MemberLevelResolvers = {
  discountPermille: (level) => level.discountPermille,
  nextLevelGrowth: (level) => nextLevel(level)?.minGrowth ?? null,
};
