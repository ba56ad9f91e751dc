package dev.palm.audit;

import dev.palm.packs.IntegrityAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pipeline's private mark on each audit record it writes: HMAC-SHA256 over the record's value
 * bytes, carried in the Kafka header {@value #HEADER}. Only the pipeline holds the key (derived
 * from its checkpoint signing key), so a record another producer appended, or a copy of a genuine
 * record appended again, is recognised as foreign by the pipeline's own audit watcher. Verifiers do
 * not need the seal: the checkpoints the watcher signs list the foreign records by offset
 * (docs/audit-format.md §6.2).
 *
 * <p>Not thread-safe (one {@link Mac} per instance); make one per task with {@link #copy()}.
 */
public final class RecordSeal {

  /** Kafka header that carries the seal of an audit record. */
  public static final String HEADER = "palm.seal";

  private static final String MAC = "HmacSHA256";
  private static final byte[] DERIVATION_LABEL =
      "palm audit record seal v1\0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] key;
  private final Mac mac;

  private RecordSeal(byte[] key) {
    this.key = key.clone();
    try {
      this.mac = Mac.getInstance(MAC);
      mac.init(new SecretKeySpec(this.key, MAC));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no " + MAC, e);
    }
  }

  /** The seal of the holder of {@code signingKey}: key = SHA-256(label ‖ PKCS#8 key bytes). */
  public static RecordSeal derivedFrom(PrivateKey signingKey) {
    Objects.requireNonNull(signingKey, "signingKey");
    MessageDigest sha256 = Digests.newDigest(IntegrityAlgorithm.SHA256);
    sha256.update(DERIVATION_LABEL);
    sha256.update(signingKey.getEncoded());
    return new RecordSeal(sha256.digest());
  }

  /** A new instance with the same key, for another thread. */
  public RecordSeal copy() {
    return new RecordSeal(key);
  }

  /** The seal of {@code value} (an empty value seals as no bytes). */
  public byte[] seal(byte[] value) {
    return mac.doFinal(value == null ? new byte[0] : value);
  }

  /** Whether {@code seal} is this key's seal of {@code value} (constant-time comparison). */
  public boolean verifies(byte[] value, byte[] seal) {
    return seal != null && MessageDigest.isEqual(seal(value), seal);
  }

  @Override
  public String toString() {
    return "RecordSeal[" + MAC + ", key not shown]";
  }
}
