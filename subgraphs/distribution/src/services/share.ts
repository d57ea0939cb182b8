import { membership } from '@mall/contracts';
import { AppError, ErrorCode, badInput } from '@mall/kit';
import type { DistributionContext } from '../context.ts';
import type { DistributorRow } from '../db/schema.ts';

/** How long a made mini-program code is kept (an unlimited code never expires; WeChat limits how many are made a day). */
const SHARE_IMAGE_TTL_S = 30 * 86_400;
/** Pages one distributor may have codes of (each new one costs WeChat's quota). */
const MAX_PAGES = 20;

/**
 * `Distributor.shareImage(page)`: the distributor's mini-program code (`wxacode.getUnlimited`
 * through membership, which holds the app's credentials), opening `page` with their share
 * code as its `scene`, as a data URL; made once per page and kept in Redis, so a page showing
 * it again costs WeChat nothing.
 */
export async function shareImage(ctx: DistributionContext, distributor: DistributorRow, pageInput: string | null | undefined): Promise<string> {
  if (distributor.status !== 'ACTIVE') throw new AppError(ErrorCode.FORBIDDEN, 'Only an active distributor shares.', { reason: 'NOT_A_DISTRIBUTOR' });
  const page = pageInput == null || pageInput === '' ? null : pageInput;
  if (page !== null && (page.length > 100 || !membership.MINI_PROGRAM_PAGE.test(page))) throw badInput('A page is a path of the mini-program without a leading slash, e.g. pages/product/index.', 'page');
  const key = `share-image:${distributor.code}:${page ?? ''}`;
  const cached = await ctx.redis.get(key);
  if (cached) return cached;
  // Each new page is a code WeChat makes (its daily quota is the mall's): a distributor has at most this many.
  const pages = `share-pages:${distributor.code}`;
  const added = await ctx.redis.sadd(pages, page ?? '');
  await ctx.redis.expire(pages, SHARE_IMAGE_TTL_S);
  if (added === 1 && (await ctx.redis.scard(pages)) > MAX_PAGES) {
    await ctx.redis.srem(pages, page ?? '');
    throw new AppError(ErrorCode.CONFLICT, `A distributor shares at most ${MAX_PAGES} pages.`, { reason: 'TOO_MANY_PAGES' });
  }
  let made: { contentType: string; imageBase64: string };
  try {
    made = await ctx.send(membership.unlimitedCode, { scene: distributor.code, page });
  } catch (error) {
    // Nothing was made: the page does not count against the distributor.
    if (added === 1) await ctx.redis.srem(pages, page ?? '');
    throw error;
  }
  const { contentType, imageBase64 } = made;
  const dataUrl = `data:${contentType};base64,${imageBase64}`;
  await ctx.redis.set(key, dataUrl, 'EX', SHARE_IMAGE_TTL_S);
  return dataUrl;
}
