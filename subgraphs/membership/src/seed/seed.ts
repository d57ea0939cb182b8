import { count } from 'drizzle-orm';
import type { MembershipDb } from '../context.ts';
import { rechargeRules, staffAccounts } from '../db/schema.ts';
import { insertStaffAccount } from '../services/auth.ts';

/** The development password of every demo staff account. Demo data only; never seeded in production. */
export const DEMO_STAFF_PASSWORD = 'mall-dev-pass';

/**
 * Demo back office: an `admin` account, a `merchant1`…`merchant6` account for each demo
 * shop, and the recharge rules 充100送10 / 充500送80.
 */
export async function seedDemoMembership(db: MembershipDb): Promise<{ staff: number; rules: number }> {
  const [existing] = await db.select({ n: count() }).from(staffAccounts);
  if ((existing?.n ?? 0) > 0) return { staff: 0, rules: 0 };
  await insertStaffAccount({ db }, { account: 'admin', password: DEMO_STAFF_PASSWORD, role: 'ADMIN' });
  for (let shop = 1; shop <= 6; shop++) {
    await insertStaffAccount({ db }, { account: `merchant${shop}`, password: DEMO_STAFF_PASSWORD, role: 'MERCHANT', shopId: String(shop) });
  }
  await db.insert(rechargeRules).values([
    { threshold: 10000, bonus: 1000 },
    { threshold: 50000, bonus: 8000 },
  ]);
  return { staff: 7, rules: 2 };
}
