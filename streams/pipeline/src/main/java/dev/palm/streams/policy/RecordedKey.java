package dev.palm.streams.policy;

/**
 * An actor's key as the pack's chain last recorded it ({@value PolicyStores#KEYRING}).
 *
 * @param actor the canonical actor id
 * @param revoked whether it was recorded as revoked
 */
record RecordedKey(String actor, boolean revoked) {}
