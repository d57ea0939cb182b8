import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import { catalog, membership } from '@mall/contracts';
import { AppError, ErrorCode, badInput, checkoutLines, cny, notFound, requireRole, tryParseId, type Money } from '@mall/kit';
import type { PromotionContext } from '../context.ts';
import { coupons, type CouponRow, type CouponTemplateRow } from '../db/schema.ts';
import type { QuoteInput } from '../generated/graphql.ts';
import { priceCart, type NotAppliedCoupon, type PricingCoupon, type PricingLine, type Quote } from './pricing.ts';

/** The coupons a member may weigh at once (the newest usable ones). */
const MAX_WEIGHED_COUPONS = 200;

const yuan = (cents: number) => `¥${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** What a shopper reads for a coupon that took nothing. */
export function notAppliedMessage(n: NotAppliedCoupon): string {
  switch (n.reason) {
    case 'THRESHOLD_NOT_REACHED':
      return `再买 ${yuan(n.missing ?? 0)} 可用 ${n.name}`;
    case 'NOT_IN_SCOPE':
      return `${n.name}：购物车中没有适用的商品`;
    case 'NOTHING_LEFT':
      return `${n.name}：适用商品已无可减金额`;
    case 'EXPIRED':
      return `${n.name} 已过期`;
    case 'NOT_STARTED':
      return `${n.name} 还未到使用时间`;
    case 'NOT_USABLE':
      return `${n.name} 已使用，或正被另一笔待付款订单占用`;
    case 'NOT_STACKABLE':
      return `${n.name} 与已选优惠不能同时使用，已为你选择更划算的组合`;
  }
}

function asPricingCoupon(coupon: CouponRow, template: CouponTemplateRow): PricingCoupon {
  return {
    couponId: String(coupon.id),
    name: template.name,
    shopId: template.shopId === null ? null : String(template.shopId),
    kind: template.kind,
    threshold: template.threshold,
    amountOff: template.amountOff,
    percentOff: template.percentOff,
    maxOff: template.maxOff,
    scope: template.scope,
    scopeIds: template.scopeIds,
    excludedProductIds: template.excludedProductIds,
    validFrom: coupon.validFrom,
    validUntil: coupon.validUntil,
    status: coupon.status,
  };
}

export interface PricedCart {
  quote: Quote;
  /** The coupons the quote names, by id. */
  coupons: Map<string, CouponRow>;
}

/**
 * Prices a member's cart: today's SKUs from catalog, the member's level from membership,
 * their coupons from here, through the pricing engine. Coupons named must be the member's
 * (NOT_FOUND otherwise) and must apply (CONFLICT `COUPON_NOT_APPLICABLE` naming the coupon
 * and why); without names the best combination of the member's coupons is taken.
 */
export async function priceMemberCart(ctx: PromotionContext, memberId: number, input: QuoteInput): Promise<PricedCart> {
  const lines = checkoutLines(input.lines);
  const named = input.couponIds == null ? null : [...new Set(input.couponIds)];
  if (named) {
    if (named.length > 10) throw badInput('Name at most 10 coupons.', 'input.couponIds');
    for (const id of named) if (tryParseId(id) === null) throw notFound('Coupon', id);
  }
  const [{ skus }, level, held] = await Promise.all([
    ctx.send(catalog.skuSnapshots, { skuIds: lines.map((l) => l.skuId) }),
    ctx.send(membership.memberLevel, { memberId: String(memberId) }),
    named
      ? named.length === 0
        ? Promise.resolve([])
        : ctx.db.select().from(coupons).where(and(eq(coupons.memberId, memberId), inArray(coupons.id, named.map(Number))))
      : ctx.db
          .select()
          .from(coupons)
          .where(and(eq(coupons.memberId, memberId), eq(coupons.status, 'UNUSED'), gt(coupons.validUntil, new Date())))
          .orderBy(desc(coupons.id))
          .limit(MAX_WEIGHED_COUPONS),
  ]);
  if (named) {
    const found = new Set(held.map((c) => String(c.id)));
    const missing = named.find((id) => !found.has(id));
    if (missing) throw notFound('Coupon', missing);
  }
  const pricingLines: PricingLine[] = lines.map((line) => {
    const sku = skus.find((s) => s.skuId === line.skuId);
    if (!sku) throw new AppError(ErrorCode.NOT_FOUND, `Sku ${line.skuId} not found.`, { skuId: line.skuId });
    if (!sku.onSale) throw new AppError(ErrorCode.CONFLICT, `SKU ${sku.skuId} is not for sale now.`, { reason: 'UNAVAILABLE', skuId: sku.skuId });
    return { skuId: sku.skuId, productId: sku.productId, shopId: sku.shopId, categoryIds: sku.categoryIds, unitPrice: sku.price, quantity: line.quantity };
  });
  const templates = held.length === 0 ? [] : await Promise.all([...new Set(held.map((c) => c.templateId))].map((id) => ctx.loaders.template.load(id)));
  const templateOf = new Map(templates.flatMap((t) => (t ? [[t.id, t] as const] : [])));
  const pricingCoupons = held.flatMap((c) => {
    const template = templateOf.get(c.templateId);
    return template ? [asPricingCoupon(c, template)] : [];
  });
  const quote = priceCart({
    lines: pricingLines,
    coupons: pricingCoupons,
    choose: named ?? 'auto',
    levelPermille: level.discountPermille,
    freightOf: () => ctx.settings.flatFreight,
    now: new Date(),
  });
  if (named) {
    const refused = quote.notApplied[0];
    if (refused) {
      throw new AppError(ErrorCode.CONFLICT, notAppliedMessage(refused), { reason: 'COUPON_NOT_APPLICABLE', couponId: refused.couponId, why: refused.reason, ...(refused.missing === null ? {} : { missing: refused.missing }) });
    }
  }
  return { quote, coupons: new Map(held.map((c) => [String(c.id), c])) };
}

/** The GraphQL `Quote`. */
export interface QuoteView {
  shops: Array<{
    shop: { id: string };
    lines: Array<{ sku: { id: string }; quantity: number; unitPrice: Money; subtotal: Money; discounts: Array<{ source: 'COUPON' | 'MEMBER_LEVEL'; coupon: CouponRow | null; label: string; amount: Money }>; payable: Money }>;
    goods: Money;
    discount: Money;
    freight: Money;
    freightWaivedBy: CouponRow | null;
    payable: Money;
  }>;
  goods: Money;
  discount: Money;
  freight: Money;
  payable: Money;
  applied: Array<{ coupon: CouponRow; amount: Money }>;
  notApplied: Array<{ coupon: CouponRow; reason: NotAppliedCoupon['reason']; missing: Money | null; message: string }>;
}

/** `quoteCheckout`: the calling member's cart, priced and explained. */
export async function quoteCheckout(ctx: PromotionContext, input: QuoteInput): Promise<QuoteView> {
  const caller = requireRole(ctx.identity, 'MEMBER');
  const { quote, coupons: held } = await priceMemberCart(ctx, Number(caller.userId), input);
  const coupon = (id: string) => held.get(id)!;
  return {
    shops: quote.shops.map((shop) => ({
      shop: { id: shop.shopId },
      lines: shop.lines.map((line) => ({
        sku: { id: line.skuId },
        quantity: line.quantity,
        unitPrice: cny(line.unitPrice),
        subtotal: cny(line.subtotal),
        discounts: line.discounts.map((d) =>
          d.source.kind === 'COUPON'
            ? { source: 'COUPON' as const, coupon: coupon(d.source.couponId), label: d.source.name, amount: cny(d.amount) }
            : { source: 'MEMBER_LEVEL' as const, coupon: null, label: '会员折扣', amount: cny(d.amount) },
        ),
        payable: cny(line.payable),
      })),
      goods: cny(shop.goods),
      discount: cny(shop.discount),
      freight: cny(shop.freight),
      freightWaivedBy: shop.freightWaivedBy === null ? null : coupon(shop.freightWaivedBy),
      payable: cny(shop.payable),
    })),
    goods: cny(quote.goods),
    discount: cny(quote.discount),
    freight: cny(quote.freight),
    payable: cny(quote.payable),
    applied: quote.applied.map((a) => ({ coupon: coupon(a.couponId), amount: cny(a.amount) })),
    notApplied: quote.notApplied.map((n) => ({ coupon: coupon(n.couponId), reason: n.reason, missing: n.missing === null ? null : cny(n.missing), message: notAppliedMessage(n) })),
  };
}
