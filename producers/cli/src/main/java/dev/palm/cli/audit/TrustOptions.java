package dev.palm.cli.audit;

import dev.palm.audit.SigningKeys;
import dev.palm.client.CheckpointPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which checkpoint signing keys a verifying command trusts: the flags and PALM_TRUSTED_KEY. */
public final class TrustOptions {

  @Option(
      names = "--trusted-key",
      paramLabel = "FILE|BASE64",
      description =
          "Public key of the pipeline (PEM or base64 file, or base64 text; 'palm keys show"
              + " --key <state-dir>/checkpoint-signing-key.pem' prints it, and 'palm run' at start);"
              + " checkpoints must be signed by one of these (repeatable). Default: the"
              + " PALM_TRUSTED_KEY environment variable. Without any trusted key the checkpoints are"
              + " only checked against the key each one embeds: their verdict is UNPINNED and the"
              + " exit code 15.")
  List<String> trustedKeys = new ArrayList<>();

  @Option(
      names = "--trust-on-first-use",
      description =
          "Without a trusted key: trust the key of the first checkpoint read, and only that key;"
              + " the output names it so that you can pin it.")
  boolean trustOnFirstUse;

  /** The checkpoint policy these options ask for. */
  CheckpointPolicy policy() {
    List<String> keySources = trustedKeys;
    String fromEnv = System.getenv("PALM_TRUSTED_KEY");
    if (keySources.isEmpty() && fromEnv != null && !fromEnv.isBlank() && !trustOnFirstUse) {
      keySources = List.of(fromEnv.trim());
    }
    if (!keySources.isEmpty()) {
      return CheckpointPolicy.trusting(keys(keySources));
    }
    return trustOnFirstUse ? CheckpointPolicy.trustingFirstKey() : CheckpointPolicy.embeddedKeys();
  }

  private static List<PublicKey> keys(List<String> sources) {
    List<PublicKey> keys = new ArrayList<>();
    for (String key : sources) {
      Path path = Path.of(key);
      keys.add(
          Files.isRegularFile(path)
              ? SigningKeys.loadPublicKey(path)
              : SigningKeys.decodePublicKey(key));
    }
    return keys;
  }
}
