# The LENS Pipeline image: one image, two roles (ingester, scheduler) chosen by the compose command.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package

FROM eclipse-temurin:17-jdk
WORKDIR /opt/lens
COPY --from=build /src /opt/lens
COPY --from=build /root/.m2 /root/.m2
ENV LENS_JAVA_OPTS="-Xmx3g"
ENTRYPOINT ["/opt/lens/lens"]
CMD ["--help"]
