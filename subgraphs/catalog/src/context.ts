import type { KitDeps, SubgraphContext, TransactionOf } from '@mall/kit';
import type { CatalogSchema } from './db/schema.ts';
import type { CatalogLoaders } from './loaders.ts';

/** Catalog's bundle: the kit's parts (catalog has no settings or clients of its own). */
export type CatalogDeps = KitDeps<CatalogSchema>;
export type CatalogContext = SubgraphContext<CatalogDeps, CatalogLoaders>;
export type CatalogDb = CatalogDeps['db'];
export type CatalogTx = TransactionOf<CatalogSchema>;
