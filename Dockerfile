# Build: docker build -t vertok .   Run: docker run -p 8080:8080 -v vertok-data:/data vertok
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml cluster.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src src
RUN ./mvnw -q -B package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/vertok.jar /app/vertok.jar
ENV VERTOK_DATA_DIR=/data
VOLUME /data
EXPOSE 8080 5701
ENTRYPOINT ["java", "-jar", "/app/vertok.jar"]
