package dev.palm.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 key handling for checkpoint signatures: generation, key ids, and key files.
 *
 * <p>Key file format: PEM text (RFC 7468) with a {@code PRIVATE KEY} block (PKCS#8) followed by a
 * {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo). Both are stored because the JDK cannot
 * derive an Ed25519 public key from the private key. A public key file holds just the {@code PUBLIC
 * KEY} block, or the bare base64 of the X.509 encoding (the form in a checkpoint's {@code
 * public_key} field).
 */
public final class SigningKeys {

  /** JCA name of the signature and key algorithm. */
  public static final String ALGORITHM = "Ed25519";

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

  private SigningKeys() {}

  /** A fresh Ed25519 key pair. */
  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JRE has no Ed25519 (needs Java 15+)", e);
    }
  }

  /**
   * The Ed25519 signature of {@code message} by {@code key}.
   *
   * @throws GeneralSecurityException when the key cannot sign (not an Ed25519 private key)
   */
  public static byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
    Signature signer = Signature.getInstance(ALGORITHM);
    signer.initSign(key);
    signer.update(message);
    return signer.sign();
  }

  /**
   * Whether {@code signature} is a valid Ed25519 signature of {@code message} by {@code key}; a key
   * or signature that cannot be used is no valid signature.
   */
  public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Base64 (standard alphabet, padded) of the public key's X.509 encoding, as in a checkpoint. */
  public static String publicKeyBase64(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Key id: the first 16 hex digits of SHA-256 over the public key's X.509 encoding. */
  public static String keyId(PublicKey key) {
    try {
      return Digests.toHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JRE provides no SHA-256 digest", e);
    }
  }

  /**
   * Decodes a public key given as base64 of its X.509 encoding.
   *
   * @throws IllegalArgumentException when it is not a base64 X.509 Ed25519 public key
   */
  public static PublicKey decodePublicKey(String base64) {
    try {
      return KeyFactory.getInstance(ALGORITHM)
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "not a base64 X.509 Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a key pair file, or generates one into {@code keyFile} (owner-only permissions) if it
   * doesn't exist.
   */
  public static KeyPair loadOrCreate(Path keyFile) {
    if (Files.exists(keyFile)) {
      return load(keyFile);
    }
    KeyPair pair = generate();
    try {
      store(pair, keyFile);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof FileAlreadyExistsException) {
        return load(keyFile); // another process created it first: use theirs
      }
      throw e;
    }
    return pair;
  }

  /**
   * Reads a key pair file.
   *
   * @throws IllegalArgumentException naming the file when it lacks a block or a key does not decode
   */
  public static KeyPair load(Path keyFile) {
    List<Block> blocks = blocks(read(keyFile));
    byte[] privateDer =
        blocks.stream()
            .filter(b -> b.type.equals("PRIVATE KEY"))
            .map(Block::der)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "key file "
                            + keyFile
                            + " has no PEM PRIVATE KEY "
                            + "block; delete it to have a new key generated, or restore the original"));
    byte[] publicDer =
        blocks.stream()
            .filter(b -> b.type.equals("PUBLIC KEY"))
            .map(Block::der)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "key file "
                            + keyFile
                            + " has no PEM PUBLIC KEY "
                            + "block; it must hold both keys of the Ed25519 pair"));
    try {
      KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
      PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
      PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicDer));
      return new KeyPair(publicKey, privateKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "key file " + keyFile + " does not hold an Ed25519 key pair: " + e.getMessage(), e);
    }
  }

  /** Writes a key pair file (private then public PEM block); fails if the file exists. */
  public static void store(KeyPair pair, Path keyFile) {
    String text =
        pem("PRIVATE KEY", pair.getPrivate().getEncoded())
            + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    try {
      Path parent = keyFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(
          keyFile,
          text,
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system (Windows): the directory's ACLs apply.
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write signing key file " + keyFile, e);
    }
  }

  /** Writes a public key file (one PEM PUBLIC KEY block), replacing an existing file. */
  public static void storePublicKey(PublicKey key, Path file) {
    try {
      Files.writeString(file, pem("PUBLIC KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write public key file " + file, e);
    }
  }

  /**
   * Reads a public key file: a PEM PUBLIC KEY block (a key pair file works too) or bare base64 of
   * X.509.
   *
   * @throws IllegalArgumentException naming the file when no key can be read from it
   */
  public static PublicKey loadPublicKey(Path file) {
    String text = read(file);
    List<Block> blocks = blocks(text);
    try {
      if (blocks.isEmpty()) {
        return decodePublicKey(text);
      }
      byte[] der =
          blocks.stream()
              .filter(b -> b.type.equals("PUBLIC KEY"))
              .map(Block::der)
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("no PEM PUBLIC KEY block"));
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "public key file "
              + file
              + " holds no Ed25519 public key (expected a "
              + "PEM PUBLIC KEY block or base64 of the X.509 encoding): "
              + e.getMessage(),
          e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + file, e);
    }
  }

  private static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = PEM.matcher(text);
    while (matcher.find()) {
      blocks.add(new Block(matcher.group(1), matcher.group(2).replaceAll("\\s", "")));
    }
    return blocks;
  }

  private record Block(String type, String base64) {
    byte[] der() {
      return Base64.getDecoder().decode(base64);
    }
  }
}
