# Vertok's image (docs/deploy.md).
#
#   docker build -t vertok .                      # compiles inside the build stage
#   docker run -p 8080:8080 -v vertok-data:/data vertok
#
# Build arguments:
#   BUILD_IMAGE    the JDK the jar is compiled with (stage "build")
#   RUNTIME_IMAGE  the JRE of the final image; any image with java 17+ and bash on the PATH
#   JAR_STAGE      "build" (default): Maven compiles the jar inside the build stage;
#                  "prebuilt": take target/vertok.jar from the build context (built beforehand
#                  with ./mvnw package), for builders without access to Maven Central
ARG BUILD_IMAGE=eclipse-temurin:17-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre
ARG JAR_STAGE=build

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml cluster.xml ./
RUN ./mvnw -q -B -ntp dependency:go-offline
COPY src src
RUN ./mvnw -q -B -ntp package -DskipTests && cp target/vertok.jar /vertok.jar

FROM scratch AS prebuilt
LABEL vertok.stage=prebuilt
COPY target/vertok.jar /vertok.jar

FROM ${JAR_STAGE} AS jar

# The final stage: a JRE and the jar, nothing of the build (no JDK, Maven, sources).
FROM ${RUNTIME_IMAGE}
# An unprivileged user by number (no account needed in the base image; Kubernetes'
# runAsNonRoot can check it). /data belongs to it, so a new volume does too.
ARG VERTOK_UID=10001
RUN mkdir -p /app /data && chown ${VERTOK_UID}:${VERTOK_UID} /data && chmod 700 /data
COPY --from=jar /vertok.jar /app/vertok.jar
COPY jvm.options /app/jvm.options
# Fixed ports, one node per container: HTTP 8080, Hazelcast 5701, event bus 5801, metrics 9464.
ENV VERTOK_DATA_DIR=/data \
    VERTOK_HTTP_PORT=8080 \
    VERTOK_CLUSTER_PORT=5701 \
    VERTOK_EVENTBUS_PORT=5801 \
    VERTOK_METRICS_PORT=9464
VOLUME /data
EXPOSE 8080 5701 5801 9464
USER ${VERTOK_UID}:${VERTOK_UID}
WORKDIR /data
# The JVM options of jvm.options (a 256 MB heap, the serial collector, bounded metaspace, code
# cache and direct memory: docs/performance.md); the rest of the container's memory is for
# FFmpeg's native buffers and threads. JAVA_TOOL_OPTIONS adds or overrides flags (-Xmx…).
# FFmpeg's natives are unpacked under /tmp (writable; an emptyDir with a read-only root).
ENTRYPOINT ["java", "@/app/jvm.options", "-Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp", "-jar", "/app/vertok.jar"]
# Healthy when /ready answers 200 (the node serves: database, cluster, every domain has a live node): bash only, no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${VERTOK_HTTP_PORT} && printf 'GET /ready HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
