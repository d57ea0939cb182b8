# One image for every process of the mall; docker-compose.yml picks the command.
# Node runs the TypeScript sources directly (type stripping), so there is no build step.
FROM node:24-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.8
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY packages ./packages
COPY subgraphs ./subgraphs
COPY gateway ./gateway
COPY schema ./schema
COPY scripts ./scripts
RUN pnpm install --frozen-lockfile --prod
ENV NODE_ENV=production
USER node
# Each process answers on its public port (<NAME>_PORT: /graphql, /health) and serves /metrics
# on another (<NAME>_METRICS_PORT: gateway 9400, catalog 9401 … payment 9405), on 127.0.0.1 unless
# METRICS_HOST says otherwise: set METRICS_HOST=0.0.0.0 for a scraper in another container,
# and publish only the public port.
