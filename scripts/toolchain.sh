# Sourced by ./mall and .ci/run: puts Node >= 22.12 and the pinned pnpm on PATH.
# When the machine's own Node is older (or missing), Node 24 comes from the npm registry's
# `node` package into the project-local prefix .tools/node (never a global install).
# pnpm comes from the npm registry the same way (corepack is not relied on).

MALL_NODE_VERSION=24.21.0
MALL_PNPM_VERSION=$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' package.json)
MALL_TOOLS="$PWD/.tools/node"
MALL_TOOLS_BIN="$MALL_TOOLS/node_modules/.bin"

mall_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

# `npm install --no-save` keeps only what it is told to install, so every install into
# .tools names the whole set: pnpm, plus Node whenever the machine's own is too old.
mall_tools_install() {
  local wanted=("pnpm@$MALL_PNPM_VERSION")
  [ "$1" = with-node ] && wanted+=("node@$MALL_NODE_VERSION")
  echo "installing ${wanted[*]} into .tools/node (npm registry)" >&2
  npm install --prefix "$MALL_TOOLS" --no-save --no-audit --no-fund --loglevel=error "${wanted[@]}" >&2
}

mall_local_version() { "$MALL_TOOLS_BIN/$1" --version 2>/dev/null | sed 's/^v//'; }

if mall_node_ok; then
  if [ "$(pnpm --version 2>/dev/null)" != "$MALL_PNPM_VERSION" ]; then
    [ "$(mall_local_version pnpm)" = "$MALL_PNPM_VERSION" ] || mall_tools_install without-node
    export PATH="$MALL_TOOLS_BIN:$PATH"
  fi
else
  if [ "$(mall_local_version node)" != "$MALL_NODE_VERSION" ] || [ "$(mall_local_version pnpm)" != "$MALL_PNPM_VERSION" ]; then
    mall_tools_install with-node
  fi
  export PATH="$MALL_TOOLS_BIN:$PATH"
  mall_node_ok || { echo "could not provide Node >= 22.12" >&2; return 1; }
fi
