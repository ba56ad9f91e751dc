package dev.palm.streams.bench;

/**
 * Audit-chain verification throughput for one hash algorithm, next to raw hashing of the same
 * bytes.
 *
 * @param algorithm {@code sha256}, {@code sha384} or {@code sha512}
 * @param records records in the generated chain
 * @param canonicalBytes total size of their canonical encodings (what is hashed)
 * @param verifierSeconds median time of {@code ChainVerifier} over the whole chain
 * @param baselineSeconds median time of {@code MessageDigest} over the precomputed canonical bytes
 * @param iterations measured passes per side (the median is reported)
 */
public record AuditRun(
    String algorithm,
    int records,
    long canonicalBytes,
    double verifierSeconds,
    double baselineSeconds,
    int iterations) {

  /** Records verified per second. */
  public double verifierRecordsPerSecond() {
    return records / verifierSeconds;
  }

  /** Canonical megabytes (10^6 bytes) verified per second. */
  public double verifierMegabytesPerSecond() {
    return canonicalBytes / 1e6 / verifierSeconds;
  }

  /** Records hashed per second by the raw digest. */
  public double baselineRecordsPerSecond() {
    return records / baselineSeconds;
  }

  /** Canonical megabytes (10^6 bytes) hashed per second by the raw digest. */
  public double baselineMegabytesPerSecond() {
    return canonicalBytes / 1e6 / baselineSeconds;
  }

  /** How many times longer verification takes than raw hashing (1.0 = no overhead). */
  public double overheadFactor() {
    return verifierSeconds / baselineSeconds;
  }
}
