# syntax=docker/dockerfile:1
# Byline: multi-stage build on the current Node LTS. Stages: production dependencies, build, runtime.

FROM node:24-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts/migrate.ts scripts/build-sandbox.mjs ./scripts/
RUN npm run build

FROM node:24-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Data dir for the embedded PostgreSQL, used only when DATABASE_URL is not set.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Migrations run at start (MIGRATIONS_RUN=true, the default). One-shot instead: MIGRATIONS_RUN=false here and
#   docker run --rm -e DATABASE_URL=... byline node dist/scripts/migrate.js
CMD ["node", "dist/src/main.js"]
