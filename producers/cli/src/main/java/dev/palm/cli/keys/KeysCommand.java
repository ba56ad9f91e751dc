package dev.palm.cli.keys;

import dev.palm.audit.Keyring;
import dev.palm.audit.SigningKeys;
import dev.palm.cli.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code palm keys}: Ed25519 keys of actors (who sign requests, approval answers and hold releases
 * for packs that require accountability proofs) and of the pipeline (which signs checkpoints), and
 * the keyring file the pipeline trusts (docs/audit-format.md §8.3).
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "Generate, list, revoke and show Ed25519 keys: actors' signing keys, the keyring the"
            + " pipeline trusts (palm run --keyring), and the pipeline's checkpoint key.",
    subcommands = {
      KeysCommand.Generate.class,
      KeysCommand.ListKeys.class,
      KeysCommand.Revoke.class,
      KeysCommand.Show.class
    })
public final class KeysCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static Keyring readOrEmpty(Path keyring) {
    return Files.exists(keyring) ? Keyring.read(keyring) : Keyring.EMPTY;
  }

  /** {@code palm keys generate}: a new key pair file, its public key added to a keyring. */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Generate an Ed25519 key pair into a new file (owner-only permissions) and, with"
              + " --keyring, register its public key for --actor in that keyring file (created"
              + " if absent). Give the key file to the actor (palm publish|approvals|holds --key);"
              + " give the keyring to the pipeline (palm run --keyring); restart the pipeline to"
              + " trust a new key. The change is recorded in each pack's audit chain at start.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:key generated (and registered)",
        "2:bad flags",
        "3:the key file exists, or the keyring cannot be read or written"
      })
  static final class Generate implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--actor",
        required = true,
        paramLabel = "ID",
        description = "Whose key: the actor id as it will be sent (e.g. alice).")
    String actor;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description =
            "Key pair file to write; default <actor>.key in the keyring's folder, or here.")
    Optional<Path> out = Optional.empty();

    @Option(
        names = "--keyring",
        paramLabel = "FILE",
        description = "Keyring file to add the public key to (one key a line).")
    Optional<Path> keyring = Optional.empty();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (actor.isBlank()
          || actor.strip().contains(" ")
          || actor.chars().anyMatch(Character::isISOControl)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--actor '"
                + actor
                + "': an actor id in a keyring has no spaces or control characters");
      }
      Path folder = keyring.map(k -> k.toAbsolutePath().getParent()).orElse(Path.of("."));
      Path file = this.out.orElse(folder.resolve(actor.strip() + ".key"));
      if (Files.exists(file)) {
        err.println(
            "palm keys generate: "
                + file
                + " exists; give another --out (a key file is never overwritten)");
        return ExitCode.BAD_INPUT.code();
      }
      KeyPair pair = SigningKeys.generate();
      try {
        if (keyring.isPresent()) {
          // validate the keyring before writing anything
          Keyring updated =
              readOrEmpty(keyring.get())
                  .with(new Keyring.ActorKey(actor.strip(), pair.getPublic(), false));
          SigningKeys.store(pair, file);
          updated.write(keyring.get());
        } else {
          SigningKeys.store(pair, file);
        }
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        err.println("palm keys generate: " + e.getMessage());
        return ExitCode.BAD_INPUT.code();
      }
      out.println(
          "generated key "
              + SigningKeys.keyId(pair.getPublic())
              + " of actor "
              + actor.strip()
              + " in "
              + file);
      keyring.ifPresent(k -> out.println("registered in keyring " + k));
      out.println("public key: " + SigningKeys.publicKeyBase64(pair.getPublic()));
      return ExitCode.OK.code();
    }
  }

  /** {@code palm keys list}: the keys of a keyring file. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the keys of a keyring file: actor, key id, status.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:listed", "3:the keyring cannot be read"})
  static final class ListKeys implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--keyring",
        required = true,
        paramLabel = "FILE",
        description = "Keyring file.")
    Path keyring;

    @Override
    public Integer call() {
      Keyring ring;
      try {
        ring = Keyring.read(keyring);
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("palm keys list: " + e.getMessage());
        return ExitCode.BAD_INPUT.code();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-24s %-16s %s%n", "ACTOR", "KEY ID", "STATUS");
      for (Keyring.ActorKey k : ring.keys()) {
        out.printf("%-24s %-16s %s%n", k.actor(), k.keyId(), k.revoked() ? "revoked" : "active");
      }
      return ExitCode.OK.code();
    }
  }

  /** {@code palm keys revoke}: marks a key of a keyring file revoked. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description =
          "Mark a key of a keyring file revoked: after the pipeline's next start its signatures"
              + " are refused (PROOF_INVALID), and the revocation is recorded in each pack's audit"
              + " chain.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:revoked", "3:no such key, or the keyring cannot be read or written"})
  static final class Revoke implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--keyring",
        required = true,
        paramLabel = "FILE",
        description = "Keyring file.")
    Path keyring;

    @Option(
        names = "--key-id",
        required = true,
        paramLabel = "ID",
        description = "Id of the key to revoke (palm keys list).")
    String keyId;

    @Override
    public Integer call() {
      try {
        Keyring.read(keyring).revoke(keyId).write(keyring);
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        spec.commandLine().getErr().println("palm keys revoke: " + e.getMessage());
        return ExitCode.BAD_INPUT.code();
      }
      spec.commandLine().getOut().println("revoked key " + keyId + " in " + keyring);
      return ExitCode.OK.code();
    }
  }

  /** {@code palm keys show}: the public key and key id of a key file. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Print the public key (PEM), its base64 X.509 form and its key id, of a key pair file or"
              + " public key file (an actor's key, or the pipeline's checkpoint key:"
              + " <state-dir>/checkpoint-signing-key.pem by default).",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:shown", "3:the file holds no Ed25519 key"})
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "Key file.")
    Path key;

    @Override
    public Integer call() {
      PublicKey publicKey;
      try {
        publicKey = SigningKeys.loadPublicKey(key);
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        spec.commandLine().getErr().println("palm keys show: " + e.getMessage());
        return ExitCode.BAD_INPUT.code();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("key id: " + SigningKeys.keyId(publicKey));
      out.println("public key (base64 X.509): " + SigningKeys.publicKeyBase64(publicKey));
      out.print(
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(publicKey.getEncoded())
              + "\n-----END PUBLIC KEY-----\n");
      return ExitCode.OK.code();
    }
  }
}
