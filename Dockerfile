# syntax=docker/dockerfile:1
# The Stagecast app as an image, for deploy/compose.yaml (guide: docs/deploy.md, "With Docker").
# It runs against an external LiveKit (LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET): the
# compose file runs LiveKit's own image beside it, so no livekit-server is built in here.
#   docker build -t stagecast:1 .
ARG NODE_VERSION=22.20.0

# Build: every dependency, Vite among them, to build the web app.
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY packages/contracts packages/contracts
COPY apps/web apps/web
RUN npm run build:web

# Run: production dependencies only. The server runs from its TypeScript sources with tsx (a
# dependency of the server, not a dev one), as `npm start` does, and serves the built web app.
# Debian rather than Alpine: @livekit/rtc-node (the built-in recorder) ships glibc binaries.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY tsconfig.base.json ./
COPY packages/contracts packages/contracts
COPY apps/server apps/server
COPY --from=build /app/apps/web/dist apps/web/dist
# DATA_DIR: recordings, and PGlite's files when DATABASE_URL is unset.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
# The node image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
# Ready means the database and LiveKit both answer (GET /readyz), not only a live process.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "apps/server/src/server.ts"]
