# Switchboard in one container. Bun comes from the npm `bun` package (a production dependency).
# Embedded PGlite keeps its data in /data (mount a volume); set DATABASE_URL for PostgreSQL.
# NODE_ENV=production: no demo seed (SEED_DEMO=1 to ask for one); a fresh instance prints a
# one-time /setup link for the first admin in its log, or set INITIAL_ADMIN_EMAIL/_PASSWORD.
FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY src ./src
COPY views ./views
COPY public ./public
COPY drizzle ./drizzle
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
# Liveness only (/healthz has no database check): a database outage must not restart the container.
HEALTHCHECK --interval=15s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node_modules/.bin/bun", "src/main.ts"]
