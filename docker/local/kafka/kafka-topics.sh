#!/bin/bash
# As in the official image: creates, lists, describes and alters topics.
exec java -Xmx128m -XX:TieredStopAtLevel=1 -Dlog4j2.level=ERROR -cp "/opt/kafka/libs/*" \
  org.apache.kafka.tools.TopicCommand "$@"
