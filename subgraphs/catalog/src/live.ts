import { AppError, ErrorCode, defineLive, topic } from '@mall/kit';

/** Live stock: `stockChanged(skuIds)` answers with `sku(id:)` after every `stock.changed`. */
const MAX_SKUS = 100;

const skuIdsOf = (args: Record<string, unknown>): string[] => [...new Set((args['skuIds'] as unknown[]).map(String))];

export default defineLive({
  fields: {
    stockChanged: {
      entity: 'sku',
      topics: (args) => {
        const ids = skuIdsOf(args);
        if (ids.length < 1 || ids.length > MAX_SKUS) {
          throw new AppError(ErrorCode.BAD_USER_INPUT, `Watch between 1 and ${MAX_SKUS} SKUs.`, { field: 'skuIds' });
        }
        return ids.map((id) => topic('sku', id));
      },
      initial: skuIdsOf,
    },
  },
  routes: [
    {
      subjects: ['stock.>'],
      route: (type, data) => (type === 'stock.changed' && typeof data['skuId'] === 'string' ? { entity: 'sku', id: data['skuId'], topics: [topic('sku', data['skuId'])] } : null),
    },
  ],
});
