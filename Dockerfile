# syntax=docker/dockerfile:1
# Crema in a container: head office by default (`crema hq serve`); the same
# image runs a shop's headless server with `serve` (see deploy/compose.yaml).
# The web clients are built first: the binary embeds them.

FROM node:20-bookworm AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npx vite build --logLevel warn

FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
COPY --from=web /src/frontend/dist frontend/dist
RUN cargo build --release --locked --bin crema

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /var/lib/crema --create-home crema
COPY --from=build /src/target/release/crema /usr/local/bin/crema
USER crema
ENV CREMA_DATA_DIR=/var/lib/crema
EXPOSE 8090
ENTRYPOINT ["crema"]
CMD ["hq", "serve", "--bind", "0.0.0.0:8090"]
