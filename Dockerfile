# The PALM image: the `palm` command line on a Java 17 runtime, so one image runs the pipeline
# (`palm run --no-workload …`) and every other `palm` command (publish, approvals, audit verify, …).
# Built from the jars of `mvn -B -DskipTests package` (docs/containers.md):
#
#   mvn -B -DskipTests package && docker build -t palm/palm:local .
#
# JRE_IMAGE is any Java 17 runtime with bash and useradd (the official Eclipse Temurin image by default;
# docker/local/build-images.sh makes one without pulling).
ARG JRE_IMAGE=eclipse-temurin:17-jre
FROM ${JRE_IMAGE}
COPY producers/cli/target/lib/ /opt/palm/lib/
COPY producers/cli/target/palm-cli-*.jar /opt/palm/lib/
COPY docker/palm/palm /opt/palm/bin/palm
COPY packs/examples/ /opt/palm/packs/examples/
RUN set -eux; \
    chmod 0755 /opt/palm/bin/palm; \
    useradd --system --uid 10001 --home-dir /var/lib/palm --create-home --shell /bin/bash palm; \
    mkdir -p /var/lib/palm/state /var/lib/palm-keys; \
    chown -R palm:palm /var/lib/palm /var/lib/palm-keys
ENV PATH=/opt/palm/bin:$PATH
USER palm
WORKDIR /var/lib/palm
VOLUME ["/var/lib/palm"]
ENTRYPOINT ["/opt/palm/bin/palm"]
CMD ["--help"]
