import type { OutboxRelay, SubgraphContext } from '@mall/kit';
import type { CatalogSchema } from './db/schema.ts';
import type { CatalogLoaders } from './loaders.ts';

/** Catalog's long-lived parts. */
export interface CatalogParts {
  /** Publishes committed `stock.changed` events; nudge it after a commit that wrote some. */
  relay: OutboxRelay;
}

export type CatalogContext = SubgraphContext<CatalogSchema, CatalogLoaders, CatalogParts>;
