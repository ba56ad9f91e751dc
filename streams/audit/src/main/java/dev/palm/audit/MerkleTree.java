package dev.palm.audit;

import dev.palm.packs.IntegrityAlgorithm;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merkle tree hash over a range of audit record hashes, as in RFC 6962 §2.1 (Certificate
 * Transparency) with the pack's integrity algorithm {@code H}:
 *
 * <ul>
 *   <li>leaf for record hash {@code h} (the record's {@code hash} field, hex-decoded to bytes):
 *       {@code H(0x00 || h)};
 *   <li>inner node: {@code H(0x01 || left || right)};
 *   <li>for {@code n > 1} leaves, the left subtree holds the first {@code k} leaves where {@code k}
 *       is the largest power of two smaller than {@code n}, the right subtree the rest (so an odd
 *       node is neither duplicated nor hashed alone: it is combined one level higher up);
 *   <li>the root of one leaf is that leaf's hash; the root of the empty range is {@code H()} (the
 *       digest of no bytes).
 * </ul>
 *
 * The root is returned as lowercase hex. {@link MerkleFrontier} computes the same root
 * incrementally.
 */
public final class MerkleTree {

  private MerkleTree() {}

  /** Root over the given record hashes (lowercase or uppercase hex), in sequence order. */
  public static String root(IntegrityAlgorithm algorithm, List<String> recordHashes) {
    if (recordHashes.isEmpty()) {
      return Digests.toHex(Digests.newDigest(algorithm).digest());
    }
    return Digests.toHex(subtree(algorithm, recordHashes, 0, recordHashes.size()));
  }

  /** The leaf hash of one record hash. */
  public static byte[] leaf(IntegrityAlgorithm algorithm, byte[] recordHash) {
    MessageDigest digest = Digests.newDigest(algorithm);
    digest.update((byte) 0x00);
    digest.update(recordHash);
    return digest.digest();
  }

  /** The hash of an inner node. */
  public static byte[] node(IntegrityAlgorithm algorithm, byte[] left, byte[] right) {
    MessageDigest digest = Digests.newDigest(algorithm);
    digest.update((byte) 0x01);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /**
   * The audit path of the record at {@code index} among {@code recordHashes} (RFC 9162 §2.1.3.1,
   * {@code PATH(m, D[n])}): the sibling subtree roots from the leaf up, as lowercase hex.
   *
   * @throws IllegalArgumentException when {@code index} is outside the list
   */
  public static List<String> inclusionPath(
      IntegrityAlgorithm algorithm, List<String> recordHashes, int index) {
    if (index < 0 || index >= recordHashes.size()) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is outside a tree of " + recordHashes.size() + " leaves");
    }
    List<String> path = new ArrayList<>();
    path(algorithm, recordHashes, index, 0, recordHashes.size(), path);
    return List.copyOf(path);
  }

  private static void path(
      IntegrityAlgorithm algorithm,
      List<String> hashes,
      int m,
      int from,
      int to,
      List<String> out) {
    int n = to - from;
    if (n <= 1) {
      return;
    }
    int k = Integer.highestOneBit(n - 1);
    if (m < k) {
      path(algorithm, hashes, m, from, from + k, out);
      out.add(Digests.toHex(subtree(algorithm, hashes, from + k, to)));
    } else {
      path(algorithm, hashes, m - k, from + k, to, out);
      out.add(Digests.toHex(subtree(algorithm, hashes, from, from + k)));
    }
  }

  /**
   * Whether {@code path} proves that the record hash {@code recordHash} is leaf {@code index} of a
   * tree of {@code size} leaves with root {@code root} (RFC 9162 §2.1.3.2).
   */
  public static boolean verifyInclusion(
      IntegrityAlgorithm algorithm,
      String recordHash,
      long index,
      long size,
      List<String> path,
      String root) {
    if (index < 0 || index >= size) {
      return false;
    }
    try {
      long fn = index;
      long sn = size - 1;
      byte[] r = leaf(algorithm, Digests.fromHex(recordHash));
      for (String step : path) {
        byte[] p = Digests.fromHex(step);
        if (sn == 0) {
          return false;
        }
        if ((fn & 1) == 1 || fn == sn) {
          r = node(algorithm, p, r);
          if ((fn & 1) == 0) {
            while ((fn & 1) == 0 && fn != 0) {
              fn >>= 1;
              sn >>= 1;
            }
          }
        } else {
          r = node(algorithm, r, p);
        }
        fn >>= 1;
        sn >>= 1;
      }
      return sn == 0 && Arrays.equals(r, Digests.fromHex(root));
    } catch (IllegalArgumentException e) {
      return false; // a step or the root is not hex of the right length
    }
  }

  private static byte[] subtree(
      IntegrityAlgorithm algorithm, List<String> hashes, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaf(algorithm, Digests.fromHex(hashes.get(from)));
    }
    int k = Integer.highestOneBit(n - 1);
    return node(
        algorithm,
        subtree(algorithm, hashes, from, from + k),
        subtree(algorithm, hashes, from + k, to));
  }
}
