# Sourced by ./mall and .ci/run: puts Node >= 22.12 and the pinned pnpm on PATH.
# When the machine's own Node is older (or missing), Node 24 comes from the npm registry's
# `node` package into the project-local prefix .tools/node (never a global install).
# pnpm comes from the npm registry the same way (corepack is not relied on).

MALL_NODE_VERSION=24.21.0
MALL_PNPM_VERSION=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' package.json)
MALL_TOOLS="$PWD/.tools/node"

mall_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

mall_tools_install() {
  echo "installing $* into .tools/node (npm registry)" >&2
  npm install --prefix "$MALL_TOOLS" --no-save --no-audit --no-fund --loglevel=error "$@" >&2
}

if ! mall_node_ok; then
  if [ ! -x "$MALL_TOOLS/node_modules/.bin/node" ]; then
    mall_tools_install "node@$MALL_NODE_VERSION" "pnpm@$MALL_PNPM_VERSION"
  fi
  export PATH="$MALL_TOOLS/node_modules/.bin:$PATH"
  mall_node_ok || { echo "could not provide Node >= 22.12" >&2; return 1; }
fi

if [ "$(pnpm --version 2>/dev/null)" != "$MALL_PNPM_VERSION" ]; then
  if [ "$("$MALL_TOOLS/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$MALL_PNPM_VERSION" ]; then
    mall_tools_install "pnpm@$MALL_PNPM_VERSION"
  fi
  export PATH="$MALL_TOOLS/node_modules/.bin:$PATH"
fi
