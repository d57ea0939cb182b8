import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, tokenFor } from '@mall/test-kit';
import { startSupergraph, type TestSupergraph } from './fixtures.ts';
import {
  AdjustSkuStockDocument,
  CategoryTreeDocument,
  CreateProductDocument,
  createMallClient,
  MyShopDocument,
  ProductDetailDocument,
  ProductListDocument,
  SetProductStatusDocument,
  ShopPageDocument,
} from '@mall/client';

let supergraph: TestSupergraph;
let gateway: TestSupergraph['gateway'];

beforeAll(async () => {
  supergraph = await startSupergraph();
  ({ gateway } = supergraph);
});
afterAll(() => supergraph?.stop());

describe('a shopper and a merchant through the gateway with the generated client', () => {
  it('browses, and sees what the merchant lists', async () => {
    const shopper = createMallClient({ url: gateway.url });
    let merchantToken: string | null = null;
    const merchant = createMallClient({ url: gateway.url, token: () => merchantToken });

    // The shopper walks the category tree down to a leaf and lists it.
    const tree = await shopper.request(CategoryTreeDocument);
    const digital = tree.data!.categories.find((c) => c.name === '数码')!;
    const earphones = digital.children.flatMap((c) => c.children).find((c) => c.name === '耳机')!;
    const list = await shopper.request(ProductListDocument, { filter: { categoryId: earphones.id }, sort: 'PRICE_ASC', first: 10 });
    expect(list.errors).toBeUndefined();
    const cards = list.data!.products.nodes;
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((p) => p.shop.name === '数码港官方店')).toBe(true);

    const detail = await shopper.request(ProductDetailDocument, { id: cards[0]!.id });
    expect(detail.data!.product!.category.path.map((c) => c.name)).toEqual(['数码', '手机配件', '耳机']);
    expect(detail.data!.product!.skus.length).toBeGreaterThan(1);

    // A merchant needs a token for the back office; anonymous is refused.
    expect((await merchant.request(MyShopDocument)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    merchantToken = await tokenFor(as.merchant(2));
    const shop = await merchant.request(MyShopDocument);
    expect(shop.data!.myShop.name).toBe('数码港官方店');

    const created = await merchant.request(CreateProductDocument, {
      input: {
        shopId: shop.data!.myShop.id,
        categoryId: earphones.id,
        title: '声悦 骨传导耳机 新品首发',
        images: ['https://img.example.com/bone-1.jpg'],
        skus: [
          { specs: [{ name: '颜色', value: '曜石黑' }, { name: '版本', value: '标准版' }], price: 1, stock: 2 },
          { specs: [{ name: '颜色', value: '珍珠白' }, { name: '版本', value: '标准版' }], price: 2, stock: 0 },
        ],
      },
    });
    expect(created.errors).toBeUndefined();
    const product = created.data!.createProduct;
    expect(product.status).toBe('OFF_SHELF');

    const cheapest = () => shopper.request(ProductListDocument, { filter: { categoryId: earphones.id }, sort: 'PRICE_ASC', first: 1 });
    expect((await cheapest()).data!.products.nodes[0]!.id).not.toBe(product.id);
    await merchant.request(SetProductStatusDocument, { id: product.id, status: 'ON_SHELF' });
    const first = (await cheapest()).data!.products.nodes[0]!;
    expect(first.id).toBe(product.id);
    expect(first.skus.map((s) => [s.specText, s.available])).toEqual([
      ['颜色:曜石黑 版本:标准版', true],
      ['颜色:珍珠白 版本:标准版', false],
    ]);

    // Restocking the sold-out SKU makes it buyable; the shop page lists the product.
    const restock = await merchant.request(AdjustSkuStockDocument, { id: first.skus[1]!.id, delta: 10 });
    expect(restock.data!.adjustSkuStock).toMatchObject({ stock: 10, available: true });
    const page = await shopper.request(ShopPageDocument, { id: shop.data!.myShop.id });
    expect(page.data!.shop!.products.nodes[0]!.id).toBe(product.id);
  });
});
