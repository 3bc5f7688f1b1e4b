# The login-node image: a slim JRE, the jar built by `mvn -B -DskipTests package`, run as an unprivileged user.
# The same image runs the ops command: docker compose run --rm login-node ops scenes
# Build from the repository root: docker build -f deploy/login-node.Dockerfile -t wxlogin/login-node .
FROM eclipse-temurin:17-jre
RUN groupadd --system wxlogin && useradd --system --gid wxlogin --home-dir /app --shell /usr/sbin/nologin wxlogin
WORKDIR /app
COPY deploy/healthcheck.sh /usr/local/bin/wxlogin-health
COPY login-node/target/login-node.jar /app/login-node.jar
USER wxlogin
ENV HTTP_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=4s --start-period=30s --retries=3 CMD ["wxlogin-health"]
# The JVM sizes its heap from the container's memory limit. A parked poll is promoted at its first young
# collection instead of being copied again at each (docs/deploy.md, "The login node's JVM").
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:MaxTenuringThreshold=1", "-jar", "/app/login-node.jar"]
