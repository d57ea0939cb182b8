import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchema, parse, validate, type DefinitionNode } from 'graphql';

/**
 * The README's GraphQL examples are what a mini-program developer copies first: each
 * operation in a ```graphql block is valid against the supergraph's API schema (the
 * composed `schema/api.graphql`), with `…` in example values read as nothing.
 */
const root = new URL('../../', import.meta.url);
const schema = buildSchema(readFileSync(new URL('schema/api.graphql', root), 'utf8'));
const blocks = [...readFileSync(new URL('README.md', root), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('the README’s GraphQL examples', () => {
  it('has examples', () => {
    expect(blocks.length).toBeGreaterThan(10);
  });

  it('are each valid against the supergraph’s API schema', () => {
    const invalid: string[] = [];
    for (const block of blocks) {
      let definitions: readonly DefinitionNode[];
      try {
        definitions = parse(block.replace(/…/g, '')).definitions;
      } catch (error) {
        invalid.push(`${block.slice(0, 120)}\n  ${(error as Error).message}`);
        continue;
      }
      for (const definition of definitions) {
        const errors = validate(schema, { kind: 'Document', definitions: [definition] } as Parameters<typeof validate>[1]);
        if (errors.length > 0) invalid.push(`${definition.loc?.source.body.slice(definition.loc.start, definition.loc.start + 120)}\n  ${errors.map((e) => e.message).join('\n  ')}`);
      }
    }
    expect(invalid).toEqual([]);
  });
});
