#!/usr/bin/env bash
# `pnpm check`: generated files are fresh and the code type-checks.
#  - schema/supergraph.graphql and schema/api.graphql match the subgraphs' SDL (and compose),
#    and docker-compose.yml's application services match the registry (and read back as YAML);
#  - codegen output matches the schemas;
#  - every Drizzle schema change has its committed migration;
#  - tsc --noEmit over the whole workspace.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== composition"
pnpm -s compose --check

echo "== codegen"
pnpm -s codegen --check

echo "== migrations"
for dir in subgraphs/*/; do
  if [ -f "$dir/drizzle.config.ts" ]; then
    (cd "$dir" && pnpm -s exec drizzle-kit generate >/dev/null)
  fi
done
# The pathspec names the files in the folders: 'subgraphs/*/drizzle' alone matches none of them.
if [ -n "$(git status --porcelain -- 'subgraphs/*/drizzle/*')" ]; then
  git status --porcelain -- 'subgraphs/*/drizzle/*'
  echo "A Drizzle schema changed without its migration: run pnpm db:generate and commit the result." >&2
  exit 1
fi
echo "migrations match the Drizzle schemas"

echo "== types"
pnpm -s typecheck
echo "types ok"
