import { DateTimeResolver } from 'graphql-scalars';

/** `DateTime`: JS `Date` inside, ISO 8601 UTC text on the wire. Shared by every subgraph. */
export const DateTime = DateTimeResolver;
