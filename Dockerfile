# One image for the worker and the receiver; docker-compose.yml picks the entry point. Two stages: the first
# compiles with the development tools, the second holds only compiled JavaScript and production dependencies.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY tools/build-workflow-bundle.ts ./tools/
# JavaScript in dist/, and the workflow code prebuilt: no webpack at start (3 s instead of 10, 100 MB less).
RUN npm run build

FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
ENV WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
USER node
# Node itself, not npm, is process 1's child: SIGTERM from the orchestrator reaches it and starts the drain.
CMD ["node", "dist/main/worker.js"]
