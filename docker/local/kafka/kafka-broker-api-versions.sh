#!/bin/bash
# As in the official image: asks a broker for its API versions (used as the health check).
exec java -Xmx64m -XX:TieredStopAtLevel=1 -Dlog4j2.level=ERROR -cp "/opt/kafka/libs/*" \
  org.apache.kafka.tools.BrokerApiVersionsCommand "$@"
