package dev.palm.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** The keyring file format of docs/audit-format.md §8.3. */
class KeyringTest {

  private static final KeyPair ALICE = SigningKeys.generate();
  private static final KeyPair BOB = SigningKeys.generate();

  @Test
  void rendersAndParsesBack() {
    Keyring ring =
        Keyring.EMPTY
            .with(new Keyring.ActorKey("alice", ALICE.getPublic(), false))
            .with(new Keyring.ActorKey("bob", BOB.getPublic(), false))
            .revoke(SigningKeys.keyId(BOB.getPublic()));

    Keyring parsed = Keyring.parse(ring.render(), "test");

    assertThat(parsed.keys())
        .extracting(Keyring.ActorKey::actor, Keyring.ActorKey::keyId, Keyring.ActorKey::revoked)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "alice", SigningKeys.keyId(ALICE.getPublic()), false),
            org.assertj.core.groups.Tuple.tuple("bob", SigningKeys.keyId(BOB.getPublic()), true));
    assertThat(ring.render()).contains(" revoked\n").startsWith("# PALM keyring");
  }

  @Test
  void badLinesAreNamedByLine() {
    String key = SigningKeys.publicKeyBase64(ALICE.getPublic());
    assertThatThrownBy(() -> Keyring.parse("# c\n\nalice\n", "ring"))
        .hasMessageContaining("ring line 3")
        .hasMessageContaining("expected '<actor id> <base64 public key> [revoked]'");
    assertThatThrownBy(() -> Keyring.parse("alice " + key + " gone\n", "ring"))
        .hasMessageContaining("ring line 1")
        .hasMessageContaining("'revoked'");
    assertThatThrownBy(() -> Keyring.parse("alice bm90IGEga2V5\n", "ring"))
        .hasMessageContaining("ring line 1")
        .hasMessageContaining("not a base64 X.509 Ed25519 public key");
  }

  @Test
  void aKeyIsListedOnceAndOnlyListedKeysAreRevoked() {
    Keyring ring = Keyring.EMPTY.with(new Keyring.ActorKey("alice", ALICE.getPublic(), false));

    assertThatThrownBy(() -> ring.with(new Keyring.ActorKey("mallory", ALICE.getPublic(), false)))
        .hasMessageContaining("in the keyring already, for actor 'alice'");
    assertThatThrownBy(() -> ring.revoke("0000000000000000"))
        .hasMessageContaining("no key with id 0000000000000000");
  }
}
