package dev.palm.packs;

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
  public static Builder builder() {
    return new Builder(defaults());
  }

  /** Returns a builder that starts from this record's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link SerializationConfig}; every field starts from the value it was created from.
   */
  public static final class Builder {
    private SerializationFormat format;
    private boolean encryptAtRest;
    private Optional<String> encryptionKeyId;
    private boolean verifyIntegrity;
    private IntegrityAlgorithm integrityAlgorithm;

    private Builder(SerializationConfig from) {
      this.format = from.format();
      this.encryptAtRest = from.encryptAtRest();
      this.encryptionKeyId = from.encryptionKeyId();
      this.verifyIntegrity = from.verifyIntegrity();
      this.integrityAlgorithm = from.integrityAlgorithm();
    }

    /** Sets {@code format}: the encoding of state. */
    public Builder format(SerializationFormat format) {
      this.format = format;
      return this;
    }

    /** Sets {@code encrypt_at_rest}: whether state is encrypted at rest. */
    public Builder encryptAtRest(boolean encryptAtRest) {
      this.encryptAtRest = encryptAtRest;
      return this;
    }

    /** Sets {@code encryption_key_id}: the encryption key id; absent = provided at run time. */
    public Builder encryptionKeyId(Optional<String> encryptionKeyId) {
      this.encryptionKeyId = encryptionKeyId;
      return this;
    }

    /** Sets {@code encryption_key_id}; {@code null} means absent. */
    public Builder encryptionKeyId(String encryptionKeyId) {
      this.encryptionKeyId = Optional.ofNullable(encryptionKeyId);
      return this;
    }

    /** Sets {@code verify_integrity}: whether integrity is verified. */
    public Builder verifyIntegrity(boolean verifyIntegrity) {
      this.verifyIntegrity = verifyIntegrity;
      return this;
    }

    /** Sets {@code integrity_algorithm}: the hash of the integrity chain. */
    public Builder integrityAlgorithm(IntegrityAlgorithm integrityAlgorithm) {
      this.integrityAlgorithm = integrityAlgorithm;
      return this;
    }

    /** Creates the record. */
    public SerializationConfig build() {
      return new SerializationConfig(
          format, encryptAtRest, encryptionKeyId, verifyIntegrity, integrityAlgorithm);
    }
  }
}
