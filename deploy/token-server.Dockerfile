# The token-server image: a slim JRE, the jar built by `mvn -B -DskipTests package`, run as an unprivileged user.
# Build from the repository root: docker build -f deploy/token-server.Dockerfile -t wxlogin/token-server .
FROM eclipse-temurin:17-jre
RUN groupadd --system wxlogin && useradd --system --gid wxlogin --home-dir /app --shell /usr/sbin/nologin wxlogin
WORKDIR /app
COPY deploy/healthcheck.sh /usr/local/bin/wxlogin-health
COPY token-server/target/token-server.jar /app/token-server.jar
USER wxlogin
ENV HTTP_PORT=8081
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=4s --start-period=30s --retries=3 CMD ["wxlogin-health"]
# The JVM sizes its heap from the container's memory limit.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/token-server.jar"]
