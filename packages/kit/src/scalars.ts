import { DateTimeResolver } from 'graphql-scalars';
import { Cents } from './money.ts';

/** `DateTime`: JS `Date` inside, ISO 8601 UTC text on the wire. Shared by every subgraph. */
export const DateTime = DateTimeResolver;

/** The scalars of the kit's common SDL, for every subgraph's resolver map. */
export const commonScalars = { DateTime, Cents };
