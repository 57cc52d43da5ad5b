# syntax=docker/dockerfile:1
# Passion OS: `next build` plus the esbuild bundles of scripts/server.ts (Next.js + the bare-node
# /api/events stream and API routes, decisions 010 and 014) and scripts/cli.ts, run by node as a
# non-root user.
# Not `output: 'standalone'`: docs/self-hosting.md ("The image") says why.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# Every dependency: the build needs next, tailwind, typescript's config and esbuild.
FROM base AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

# What runs: no devDependencies. Optional ones stay: libsql's native binary is one.
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM base AS build
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build \
 && npm run build:server \
 && rm -rf .next/cache \
 && mkdir -p public

FROM base AS runtime
ENV NODE_ENV=production \
    APP_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/next.config.js ./
COPY --from=build /app/drizzle ./drizzle
COPY --from=build /app/public ./public
COPY --from=build /app/.next ./.next
# The code stays root-owned and read-only to the app; it writes only DATA_DIR and Next's cache.
RUN mkdir -p /data .next/cache && chown node:node /data .next/cache
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", ".next/passion-server.cjs"]
