# syntax=docker/dockerfile:1
# Two stages: build with the compilers better-sqlite3 needs, run on a small
# image with only the production dependencies, as a non-root user.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --ignore-scripts: the "prepare" build needs the sources, copied below.
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY knowledge ./knowledge
COPY scripts/bundle-server.ts scripts/eager-factories.ts ./scripts/
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/knowledge ./knowledge
COPY --chown=root:root bin ./bin
# The state database lives on a volume the non-root user owns.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3978
# Ready means the store and the knowledge answer, not only that the port is open.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs after its build step (keep the two the same): the
# bundled server, which keeps Node's compile cache in the OS temp folder (a
# restart of the container starts faster; NODE_COMPILE_CACHE moves it), with a
# smaller young generation and old-generation growth (RSS after 10k Teams
# messages about 155 MB instead of 300; see the README's Measuring section).
CMD ["node", "--max-semi-space-size=4", "--heap-growing-percent=10", "dist/bundle/start.js"]
