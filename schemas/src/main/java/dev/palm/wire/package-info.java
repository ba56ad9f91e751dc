/**
 * PALM's wire contract for every Kafka client: the topic layout ({@link
 * dev.palm.wire.TopicLayout}), the serdes of its values ({@link dev.palm.wire.PalmSerdes},
 * Confluent wire format through {@code dev.palm.registry}) and the JSON rendering of its events
 * ({@link dev.palm.wire.AvroJson}). It needs Kafka's client library only, never Kafka Streams or a
 * broker (docs/architecture.md §2, §3).
 */
package dev.palm.wire;
