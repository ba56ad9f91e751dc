package dev.palm.audit;

import dev.palm.packs.IntegrityAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Maps a pack's {@link IntegrityAlgorithm} to JDK digests, wire names and the chain's genesis
 * value.
 */
public final class Digests {

  private static final HexFormat HEX = HexFormat.of();

  private Digests() {}

  /** The name written in the {@code algorithm} field of audit records and checkpoints. */
  public static String wireName(IntegrityAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA256 -> "sha256";
      case SHA384 -> "sha384";
      case SHA512 -> "sha512";
      case BLAKE3 -> "blake3";
    };
  }

  /**
   * Parses a wire name ({@code sha256|sha384|sha512}); {@code blake3} is parsed but rejected later
   * when a digest is requested, so that the error can say why.
   */
  public static IntegrityAlgorithm fromWireName(String name) {
    if (name == null) {
      throw new IllegalArgumentException(
          "integrity algorithm is missing: expected sha256, sha384 or sha512");
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "sha256" -> IntegrityAlgorithm.SHA256;
      case "sha384" -> IntegrityAlgorithm.SHA384;
      case "sha512" -> IntegrityAlgorithm.SHA512;
      case "blake3" -> IntegrityAlgorithm.BLAKE3;
      default ->
          throw new IllegalArgumentException(
              "unknown integrity algorithm '" + name + "': expected sha256, sha384 or sha512");
    };
  }

  /** Whether the JDK can compute this algorithm (BLAKE3 is not part of the JDK). */
  public static boolean isSupported(IntegrityAlgorithm algorithm) {
    return algorithm != IntegrityAlgorithm.BLAKE3;
  }

  /**
   * Fails fast, at pack load, when a pack asks for an algorithm the audit chain cannot compute.
   *
   * @throws UnsupportedOperationException naming the pack and the supported choices
   */
  public static void requireSupported(String pack, IntegrityAlgorithm algorithm) {
    if (!isSupported(algorithm)) {
      throw new UnsupportedOperationException(
          "pack '"
              + pack
              + "' sets state.serialization.integrity_algorithm="
              + wireName(algorithm)
              + ", which the audit chain cannot compute (BLAKE3 is not in the JDK); "
              + "set it to sha256, sha384 or sha512");
    }
  }

  /** A fresh digest for the algorithm. */
  public static MessageDigest newDigest(IntegrityAlgorithm algorithm) {
    String jdkName =
        switch (algorithm) {
          case SHA256 -> "SHA-256";
          case SHA384 -> "SHA-384";
          case SHA512 -> "SHA-512";
          case BLAKE3 ->
              throw new UnsupportedOperationException(
                  "integrity algorithm blake3 is not supported by the audit chain (not in the JDK); "
                      + "choose sha256, sha384 or sha512 in state.serialization.integrity_algorithm");
        };
    try {
      return MessageDigest.getInstance(jdkName);
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE platform must provide SHA-256/384/512, so this means a broken JRE.
      throw new IllegalStateException("the JRE provides no " + jdkName + " digest", e);
    }
  }

  /** Digest length in bytes (32, 48 or 64). */
  public static int digestLength(IntegrityAlgorithm algorithm) {
    return switch (algorithm) {
      case SHA256 -> 32;
      case SHA384 -> 48;
      case SHA512 -> 64;
      case BLAKE3 -> 32;
    };
  }

  /** The {@code prev_hash} of sequence 0: lowercase hex of a digest-length run of zero bytes. */
  public static String genesisHash(IntegrityAlgorithm algorithm) {
    return "0".repeat(digestLength(algorithm) * 2);
  }

  /** Hashes bytes and returns the lowercase hex digest. */
  public static String hexDigest(IntegrityAlgorithm algorithm, byte[] bytes) {
    return toHex(newDigest(algorithm).digest(bytes));
  }

  /** Lowercase hex of bytes. */
  public static String toHex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Bytes of a hex string (either case). */
  public static byte[] fromHex(String hex) {
    return HEX.parseHex(hex);
  }
}
