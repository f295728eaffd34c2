# One image for the API, the worker and one-shot jobs (migrations); the command picks the role.
# Build: docker build -t planflow .
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --no-save: see infra/bin/bootstrap.mjs (lock files from mirrors without other platforms' binaries).
RUN npm install --no-save --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY workflows ./workflows
COPY infra ./infra
RUN npm run build && npm prune --omit=dev --no-save

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js \
    API_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# Task attachments (ATTACHMENTS_DIR): a volume mounted here starts out owned by the app's user.
RUN mkdir -p /data/attachments && chown node:node /data/attachments
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
