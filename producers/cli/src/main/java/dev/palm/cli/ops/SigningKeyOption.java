package dev.palm.cli.ops;

import dev.palm.client.SigningKey;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code --key FILE} option of the commands that send what an actor must sign. */
public final class SigningKeyOption {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      description =
          "Sign with this actor key (written by `palm keys generate`); packs with"
              + " accountability.require_proof refuse what is not signed by the actor's"
              + " registered key.")
  Optional<Path> keyFile = Optional.empty();

  /**
   * The key, if one was given.
   *
   * @throws ParameterException naming the file when it holds no key pair
   */
  Optional<SigningKey> load() {
    try {
      return keyFile.map(SigningKey::load);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--key " + keyFile.get() + ": " + e.getMessage() + " (make one with palm keys generate)");
    }
  }
}
