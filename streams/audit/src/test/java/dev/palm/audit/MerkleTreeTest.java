package dev.palm.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.packs.IntegrityAlgorithm;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MerkleTreeTest {

  /**
   * RFC 6962 / Certificate Transparency reference leaves (hex) and the tree heads of sizes 0..8.
   */
  private static final List<String> CT_LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  private static final List<String> CT_ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void matchesTheRfc6962ReferenceTreeHeads() {
    for (int n = 0; n <= CT_LEAVES.size(); n++) {
      assertThat(MerkleTree.root(IntegrityAlgorithm.SHA256, CT_LEAVES.subList(0, n)))
          .as("tree of %d leaves", n)
          .isEqualTo(CT_ROOTS.get(n));
    }
  }

  @Test
  void smallTreesFollowTheDocumentedFormula() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    List<String> hashes = hashes(IntegrityAlgorithm.SHA256, 3);
    byte[] l0 = sha.digest(concat(new byte[] {0}, hex(hashes.get(0))));
    byte[] l1 = sha.digest(concat(new byte[] {0}, hex(hashes.get(1))));
    byte[] l2 = sha.digest(concat(new byte[] {0}, hex(hashes.get(2))));
    byte[] n01 = sha.digest(concat(new byte[] {1}, concat(l0, l1)));
    byte[] root3 = sha.digest(concat(new byte[] {1}, concat(n01, l2)));

    assertThat(MerkleTree.root(IntegrityAlgorithm.SHA256, hashes.subList(0, 1)))
        .isEqualTo(HexFormat.of().formatHex(l0));
    assertThat(MerkleTree.root(IntegrityAlgorithm.SHA256, hashes.subList(0, 2)))
        .isEqualTo(HexFormat.of().formatHex(n01));
    // The odd third leaf is combined one level up, not duplicated.
    assertThat(MerkleTree.root(IntegrityAlgorithm.SHA256, hashes))
        .isEqualTo(HexFormat.of().formatHex(root3));
    assertThat(MerkleTree.root(IntegrityAlgorithm.SHA512, List.of()))
        .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest()));
  }

  @ParameterizedTest
  @EnumSource(
      value = IntegrityAlgorithm.class,
      names = {"SHA256", "SHA384", "SHA512"})
  void frontierGivesTheSameRootAsTheWholeTreeForEverySize(IntegrityAlgorithm algorithm) {
    List<String> hashes = hashes(algorithm, 70);
    MerkleFrontier frontier = new MerkleFrontier(algorithm);
    assertThat(frontier.root()).isEqualTo(MerkleTree.root(algorithm, List.of()));
    for (int n = 1; n <= hashes.size(); n++) {
      frontier.add(hashes.get(n - 1));
      assertThat(frontier.size()).isEqualTo(n);
      assertThat(frontier.root())
          .as("size %d", n)
          .isEqualTo(MerkleTree.root(algorithm, hashes.subList(0, n)));
    }
  }

  @Test
  void frontierSurvivesSerializationMidway() {
    List<String> hashes = hashes(IntegrityAlgorithm.SHA384, 13);
    MerkleFrontier frontier = new MerkleFrontier(IntegrityAlgorithm.SHA384);
    hashes.subList(0, 11).forEach(frontier::add);

    MerkleFrontier restored = MerkleFrontier.fromBytes(frontier.toBytes());
    hashes.subList(11, 13).forEach(restored::add);

    assertThat(restored.algorithm()).isEqualTo(IntegrityAlgorithm.SHA384);
    assertThat(restored.root()).isEqualTo(MerkleTree.root(IntegrityAlgorithm.SHA384, hashes));
    // 11 leaves = 8 + 2 + 1: three subtree roots, logarithmic state.
    assertThat(frontier.toBytes()).hasSize(1 + 1 + 6 + 8 + 3 * 48);
  }

  @Test
  void frontierRejectsHashesOfTheWrongLength() {
    MerkleFrontier frontier = new MerkleFrontier(IntegrityAlgorithm.SHA256);
    assertThatThrownBy(() -> frontier.add("ab".repeat(48)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("48 bytes");
  }

  static List<String> hashes(IntegrityAlgorithm algorithm, int n) {
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      hashes.add(Digests.hexDigest(algorithm, ("record-" + i).getBytes()));
    }
    return hashes;
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
