package dev.palm.streams.policy;

import org.apache.kafka.common.header.Headers;

/**
 * Serializes the values the policy processor sends to one sink, so that a {@link Transaction} holds
 * the bytes of every output before it applies any store write (the sink itself only copies bytes).
 */
@FunctionalInterface
public interface SinkEncoder {

  /** The serialized value. */
  byte[] encode(Object value);

  /** The headers to write with {@code encoded} (e.g. the audit seal), or null for none. */
  default Headers headers(byte[] encoded) {
    return null;
  }
}
