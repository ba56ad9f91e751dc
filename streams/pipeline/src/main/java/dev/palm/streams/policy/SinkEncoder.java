package dev.palm.streams.policy;

/**
 * Serializes the values the policy processor sends to one sink, so that a {@link Transaction} holds
 * the bytes of every output before it applies any store write (the sink itself only copies bytes).
 */
@FunctionalInterface
public interface SinkEncoder {

  /** The serialized value. */
  byte[] encode(Object value);
}
