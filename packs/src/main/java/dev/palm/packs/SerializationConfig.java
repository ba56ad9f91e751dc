package dev.palm.packs;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;
import java.util.Optional;

/**
 * How state is encoded, encrypted and integrity-protected.
 *
 * <p>Defaults follow docs/pack-contract.md §2.6; in a pack file the fields are spelled in
 * snake_case.
 *
 * @param format the encoding of state (file: {@code format}; default {@code
 *     SerializationFormat.BINCODE})
 * @param encryptAtRest whether state is encrypted at rest (file: {@code encrypt_at_rest}; default
 *     {@code false})
 * @param encryptionKeyId the encryption key id; absent = provided at run time (file: {@code
 *     encryption_key_id}; default {@code Optional.empty()})
 * @param verifyIntegrity whether integrity is verified (file: {@code verify_integrity}; default
 *     {@code true})
 * @param integrityAlgorithm the hash of the integrity chain (file: {@code integrity_algorithm};
 *     default {@code IntegrityAlgorithm.SHA256})
 */
@RecordBuilder
@RecordBuilder.Options(
    addConcreteSettersForOptional = RecordBuilder.ConcreteSettersForOptionalMode.ENABLED,
    enableWither = false)
public record SerializationConfig(
    SerializationFormat format,
    boolean encryptAtRest,
    Optional<String> encryptionKeyId,
    boolean verifyIntegrity,
    IntegrityAlgorithm integrityAlgorithm) {

  /**
   * Normalises absent parts to their defaults and copies collections so that the record stays
   * immutable.
   */
  public SerializationConfig {
    Objects.requireNonNull(format, "SerializationConfig.format" + " must not be null");
    encryptionKeyId = encryptionKeyId == null ? Optional.empty() : encryptionKeyId;
    Objects.requireNonNull(
        integrityAlgorithm, "SerializationConfig.integrity_algorithm" + " must not be null");
  }

  /** Returns the documented defaults (docs/pack-contract.md §2.6). */
  public static SerializationConfig defaults() {
    return new SerializationConfig(
        SerializationFormat.BINCODE, false, Optional.empty(), true, IntegrityAlgorithm.SHA256);
  }

  /** Returns a builder that starts from {@link #defaults()}. */
  public static SerializationConfigBuilder builder() {
    return SerializationConfigBuilder.builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public SerializationConfigBuilder toBuilder() {
    return SerializationConfigBuilder.builder(this);
  }
}
