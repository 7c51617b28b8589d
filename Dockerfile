# syntax=docker/dockerfile:1
# Base images are named in full (tool version, JDK, Ubuntu release) so a rebuild does not drift to
# a new major or distribution. No registry digest is pinned: none could be read from here. To pin
# one, add @sha256:<digest> from `docker buildx imagetools inspect <image>`; DockerfileTest accepts it.

# Build: a JDK with Maven 3.9.16 on Ubuntu 24.04 (noble); dependencies are cached in their own layer.
FROM maven:3.9.16-eclipse-temurin-17-noble AS build
WORKDIR /src
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline
COPY src ./src
COPY bot-config.yml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

# Run: the Temurin 17.0.20+8 JRE on the same Ubuntu, as a non-root user, the SQLite file on a volume.
FROM eclipse-temurin:17.0.20_8-jre-noble
RUN groupadd --system phasebot && useradd --system --gid phasebot --home-dir /app phasebot \
    && mkdir -p /app /data && chown phasebot:phasebot /data
WORKDIR /app
COPY --from=build /src/target/phasebot.jar /app/phasebot.jar
COPY bot-config.yml /app/bot-config.yml
ENV PHASEBOT_CONFIG=/app/bot-config.yml \
    PHASEBOT_DB=/data/phasebot.db \
    PORT=3000
VOLUME ["/data"]
EXPOSE 3000
# GET /healthz on $PORT. curl is in the Temurin Ubuntu images (installed there on purpose, see
# adoptium/containers#255), so the check costs no extra layer; a java one-liner would start a second
# JVM every interval. Shell form, so that $PORT is read when the check runs.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS --max-time 4 "http://127.0.0.1:${PORT}/healthz" > /dev/null || exit 1
USER phasebot
# The heap follows the container's memory limit (75%, the rest for metaspace, threads and SQLite's
# native memory) instead of the JVM's default quarter; an OutOfMemoryError ends the process so the
# container is restarted rather than left half alive.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/phasebot.jar"]
