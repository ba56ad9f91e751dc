package dev.palm.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.events.Checkpoint;
import dev.palm.packs.IntegrityAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  @TempDir Path dir;

  @Test
  void keyIsGeneratedOnFirstUseAndReloadedAfterwards() throws Exception {
    Path keyFile = dir.resolve("keys/checkpoint-signing.pem");

    CheckpointSigner first = CheckpointSigner.loadOrCreate(keyFile);
    CheckpointSigner second = CheckpointSigner.loadOrCreate(keyFile);

    assertThat(Files.readString(keyFile))
        .contains("-----BEGIN PRIVATE KEY-----")
        .contains("-----BEGIN PUBLIC KEY-----");
    assertThat(Files.getPosixFilePermissions(keyFile))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(second.publicKeyBase64()).isEqualTo(first.publicKeyBase64());
    assertThat(second.keyId()).isEqualTo(first.keyId());

    // The reloaded private key makes signatures the original public key accepts.
    Checkpoint checkpoint =
        second.build(
            "ibank",
            "1.0.0",
            0,
            AuditFixtures.T0,
            IntegrityAlgorithm.SHA512,
            new CheckpointRange(
                0,
                -1,
                Digests.genesisHash(IntegrityAlgorithm.SHA512),
                MerkleTree.root(IntegrityAlgorithm.SHA512, List.of())),
            List.of(),
            Optional.empty());
    assertThat(checkpoint.getPublicKey()).isEqualTo(first.publicKeyBase64());
    assertThat(CheckpointVerifier.signatureValid(checkpoint)).isTrue();
  }

  @Test
  void publicKeyFileRoundTripsAsPemAndAsBareBase64() throws Exception {
    KeyPair pair = SigningKeys.generate();
    Path pem = dir.resolve("public.pem");
    SigningKeys.storePublicKey(pair.getPublic(), pem);
    Path bare = dir.resolve("public.b64");
    Files.writeString(bare, SigningKeys.publicKeyBase64(pair.getPublic()) + "\n");
    Path pairFile = dir.resolve("pair.pem");
    SigningKeys.store(pair, pairFile);

    assertThat(SigningKeys.loadPublicKey(pem).getEncoded())
        .isEqualTo(pair.getPublic().getEncoded());
    assertThat(SigningKeys.loadPublicKey(bare).getEncoded())
        .isEqualTo(pair.getPublic().getEncoded());
    assertThat(SigningKeys.loadPublicKey(pairFile).getEncoded())
        .isEqualTo(pair.getPublic().getEncoded());
    assertThat(SigningKeys.load(pairFile).getPrivate().getEncoded())
        .isEqualTo(pair.getPrivate().getEncoded());
  }

  @Test
  void badKeyFilesAreRejectedWithTheirPath() throws Exception {
    Path onlyPublic = dir.resolve("only-public.pem");
    SigningKeys.storePublicKey(SigningKeys.generate().getPublic(), onlyPublic);
    assertThatThrownBy(() -> SigningKeys.load(onlyPublic))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(onlyPublic.toString())
        .hasMessageContaining("PRIVATE KEY");

    Path garbage = dir.resolve("garbage.txt");
    Files.writeString(garbage, "not a key");
    assertThatThrownBy(() -> SigningKeys.loadPublicKey(garbage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(garbage.toString());

    assertThatThrownBy(() -> SigningKeys.store(SigningKeys.generate(), onlyPublic))
        .hasMessageContaining(onlyPublic.toString());
  }
}
