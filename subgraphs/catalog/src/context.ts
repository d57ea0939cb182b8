import type { SubgraphContext } from '@mall/kit';
import type { CatalogSchema } from './db/schema.ts';
import type { CatalogLoaders } from './loaders.ts';

export type CatalogContext = SubgraphContext<CatalogSchema, CatalogLoaders>;
