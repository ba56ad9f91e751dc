package dev.palm.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The actors' public keys that a pipeline trusts for accountability proofs (docs/audit-format.md
 * §8.3): a text file with one key a line, {@code <actor id> <base64 X.509 Ed25519 public key>}, and
 * the word {@code revoked} after a key that no longer signs. An actor may have several keys (a
 * rotation keeps the old one until it is revoked). Actor ids are kept as written; the pipeline
 * compares them in their canonical form.
 *
 * @param keys the keys in file order
 */
public record Keyring(List<ActorKey> keys) {

  /** A keyring with no key. */
  public static final Keyring EMPTY = new Keyring(List.of());

  /** The word after a revoked key. */
  public static final String REVOKED = "revoked";

  public Keyring {
    keys = List.copyOf(keys);
  }

  /**
   * One actor's key.
   *
   * @param actor the actor id as written in the keyring
   * @param publicKey the Ed25519 public key
   * @param revoked whether the key was revoked (its signatures are refused)
   */
  public record ActorKey(String actor, PublicKey publicKey, boolean revoked) {

    public ActorKey {
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(publicKey, "publicKey");
    }

    /** The key id ({@link SigningKeys#keyId}). */
    public String keyId() {
      return SigningKeys.keyId(publicKey);
    }

    /** The keyring line of this key. */
    String line() {
      return actor + " " + SigningKeys.publicKeyBase64(publicKey) + (revoked ? " " + REVOKED : "");
    }
  }

  /**
   * Reads a keyring file.
   *
   * @throws IllegalArgumentException naming the file and line when a line is malformed or the file
   *     cannot be read
   */
  public static Keyring read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "keyring file " + file + " does not exist (create it with palm keys generate --keyring)",
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read keyring file " + file + ": " + e, e);
    }
  }

  /**
   * Parses keyring text; {@code source} names it in errors. Blank lines and lines starting with
   * {@code #} are skipped.
   */
  public static Keyring parse(String text, String source) {
    List<ActorKey> keys = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + (i + 1);
      String[] parts = line.split("\\s+");
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException(
            where
                + ": expected '<actor id> <base64 public key> [revoked]', got "
                + parts.length
                + " words");
      }
      boolean revoked = parts.length == 3;
      if (revoked && !parts[2].equals(REVOKED)) {
        throw new IllegalArgumentException(
            where + ": the third word may only be '" + REVOKED + "', got '" + parts[2] + "'");
      }
      PublicKey key;
      try {
        key = SigningKeys.decodePublicKey(parts[1]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      keys.add(new ActorKey(parts[0], key, revoked));
    }
    return new Keyring(keys);
  }

  /** The keyring file text of these keys, with a header saying the format. */
  public String render() {
    StringBuilder b =
        new StringBuilder(
            "# PALM keyring (docs/audit-format.md §8.3):"
                + " <actor id> <base64 X.509 Ed25519 public key> [revoked]\n");
    keys.forEach(k -> b.append(k.line()).append('\n'));
    return b.toString();
  }

  /** Writes {@link #render()} to {@code file}, replacing it. */
  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, render(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write keyring file " + file, e);
    }
  }

  /** The key with id {@code keyId}, if listed. */
  public Optional<ActorKey> byId(String keyId) {
    return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
  }

  /**
   * This keyring with {@code key} added.
   *
   * @throws IllegalArgumentException when the key is listed already (for any actor)
   */
  public Keyring with(ActorKey key) {
    byId(key.keyId())
        .ifPresent(
            k -> {
              throw new IllegalArgumentException(
                  "key "
                      + key.keyId()
                      + " is in the keyring already, for actor '"
                      + k.actor()
                      + "'");
            });
    List<ActorKey> all = new ArrayList<>(keys);
    all.add(key);
    return new Keyring(all);
  }

  /**
   * This keyring with key {@code keyId} revoked.
   *
   * @throws IllegalArgumentException when no key has that id
   */
  public Keyring revoke(String keyId) {
    if (byId(keyId).isEmpty()) {
      throw new IllegalArgumentException("no key with id " + keyId + " is in the keyring");
    }
    return new Keyring(
        keys.stream()
            .map(k -> k.keyId().equals(keyId) ? new ActorKey(k.actor(), k.publicKey(), true) : k)
            .toList());
  }
}
