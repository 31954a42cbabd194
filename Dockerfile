# One image for the worker and the receiver; docker-compose.yml picks the entry point.
FROM node:20-slim

WORKDIR /app

# Dependencies first, so code changes reuse this layer. Dev dependencies are needed: the entry points run with tsx.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY . .

ENV NODE_ENV=production
USER node

CMD ["npx", "tsx", "src/main/worker.ts"]
