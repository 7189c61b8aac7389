# One image for every service; the service is chosen by the command:
#   docker run IMAGE ingest|writer|simulate ...
FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY bin ./bin
COPY proto ./proto
COPY services ./services
COPY tsconfig.json ./
USER node
ENTRYPOINT ["node", "bin/vitals.js"]
