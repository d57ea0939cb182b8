import { commonScalars } from '@mall/kit';
import type { Resolvers } from '../generated/graphql.ts';
import { Activity, ActivityTier, SpecialPrice } from './Activity.ts';
import { Coupon } from './Coupon.ts';
import { CouponCode } from './CouponCode.ts';
import { CouponTemplate } from './CouponTemplate.ts';
import { GroupBuy, GroupBuyFigures, GroupBuySeat, GroupBuySku, GroupBuyTeam, GroupBuyTeamMember } from './GroupBuy.ts';
import { FlashEntry, FlashEntryFigures, FlashHold, FlashSession, FlashSessionFigures } from './Flash.ts';
import { FreightEstimate, FreightRegion, FreightTemplate } from './FreightTemplate.ts';
import { Member } from './Member.ts';
import { Mutation } from './Mutation.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';
import { Sku } from './Sku.ts';

export const resolvers: Resolvers = { ...commonScalars, Query, Mutation, Member, CouponTemplate, Coupon, CouponCode, Product, Sku, Activity, ActivityTier, SpecialPrice, FreightTemplate, FreightRegion, FreightEstimate, FlashSession, FlashEntry, FlashEntryFigures, FlashSessionFigures, FlashHold, GroupBuy, GroupBuySku, GroupBuyFigures, GroupBuyTeam, GroupBuyTeamMember, GroupBuySeat };
