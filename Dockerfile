# The pipeline image: one image for every service, chosen by the command
#   docker run IMAGE ingest|writer|alerts|api|simulate ...
# Built by `npm run docker -- build` FROM vitals-node (Node 20 on the Debian base; Docker Hub's
# node images are not reachable on the build machines). On a host with Docker Hub:
#   docker build --build-arg NODE_IMAGE=node:20-bookworm-slim -t vitals-pipeline .
ARG NODE_IMAGE=vitals-node:20

# ---- build: dev dependencies, tsc -> dist/
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs ./scripts/
COPY proto ./proto
COPY services ./services
RUN npm run build

# ---- run: production dependencies only, non-root
FROM ${NODE_IMAGE}
WORKDIR /app
RUN groupadd --system --gid 10001 vitals && useradd --system --uid 10001 --gid vitals --home-dir /app --no-create-home vitals
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY bin ./bin
COPY --from=build /app/dist ./dist
# Provisioning (the compose `init` job) and the healthcheck; device passwords come from the
# same script the local stack uses.
COPY infra/local/device-passwords.mjs infra/local/dynsec-config.mjs ./infra/local/
COPY infra/docker/init.mjs infra/docker/kafka-acls.mjs infra/docker/healthcheck.mjs ./infra/docker/
# The Kafka ACL table the init job applies (compose).
COPY infra/kafka/acls.json ./infra/kafka/
# Mount points of the per-service secret volumes (owned by the service user, so new volumes are).
RUN mkdir -p /out/writer /out/alerts /out/api /out/mosquitto /run/vitals && chown -R vitals:vitals /out /run/vitals
USER vitals
# Containers listen on all interfaces (compose publishes ports on 127.0.0.1 only). No stack
# file: configuration comes from the environment.
ENV OPS_HOST=0.0.0.0 OPS_PORT=9464 API_HOST=0.0.0.0 API_PORT=8080 VITALS_STACK_ENV=/nonexistent
EXPOSE 8080 9464
HEALTHCHECK --interval=5s --timeout=4s --start-period=10s --retries=24 CMD ["node", "/app/infra/docker/healthcheck.mjs"]
# The heap flags of services/common/node-args.ts (SERVICE_NODE_ARGS): keep the two in step.
ENTRYPOINT ["node", "--max-semi-space-size=32", "--min-semi-space-size=16", "/app/bin/vitals.js"]
