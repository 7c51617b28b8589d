# syntax=docker/dockerfile:1
# Build: a JDK with Maven; dependencies are cached in their own layer.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q dependency:go-offline
COPY src ./src
COPY bot-config.yml .
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests

# Run: a JRE only, as a non-root user, the SQLite file on a volume.
FROM eclipse-temurin:17-jre
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
USER phasebot
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/phasebot.jar"]
