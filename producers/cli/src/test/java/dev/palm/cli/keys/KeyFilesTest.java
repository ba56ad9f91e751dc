package dev.palm.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.cli.CliRun;
import dev.palm.cli.CliRun.Run;
import dev.palm.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad key and keyring files are refused with an error naming the file and what is wrong, before
 * anything is published or started; what was written before is never overwritten or lost.
 */
class KeyFilesTest {

  @TempDir Path dir;

  @Test
  void generateWritesAKeyAndItsKeyringLineAndNeverOverwrites() throws Exception {
    Path keyring = dir.resolve("keyring");
    Run first =
        CliRun.palm("keys", "generate", "--actor", "alice", "--keyring", keyring.toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();
    String keyFile = Files.readString(dir.resolve("alice.key"));
    String ring = Files.readString(keyring);

    Run again =
        CliRun.palm("keys", "generate", "--actor", "alice", "--keyring", keyring.toString());

    assertThat(again.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(again.err()).contains("alice.key exists");
    assertThat(Files.readString(dir.resolve("alice.key"))).isEqualTo(keyFile);
    assertThat(Files.readString(keyring)).isEqualTo(ring);

    Run blank = CliRun.palm("keys", "generate", "--actor", "a b", "--keyring", keyring.toString());
    assertThat(blank.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(blank.err()).contains("--actor 'a b'");
  }

  @Test
  void aKeyringThatIsNotOneIsNamedWithItsLine() throws Exception {
    Path keyring = Files.writeString(dir.resolve("keyring"), "# keys\nalice not-a-key\n");

    Run list = CliRun.palm("keys", "list", "--keyring", keyring.toString());
    assertThat(list.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(list.err()).contains(keyring + " line 2").contains("not a base64 X.509 Ed25519");

    // palm run refuses it as a usage error before it starts anything
    Run run =
        CliRun.palm(
            "run", "--keyring", keyring.toString(), "--state-dir", dir.resolve("s").toString());
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("--keyring: " + keyring + " line 2");
    assertThat(run.out()).doesNotContain("starting");

    Run revoke = CliRun.palm("keys", "revoke", "--keyring", keyring.toString(), "--key-id", "0123");
    assertThat(revoke.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(Files.readString(keyring)).isEqualTo("# keys\nalice not-a-key\n");
  }

  @Test
  void aSigningKeyFileThatHoldsNoKeyIsAUsageErrorBeforePublishing() throws Exception {
    Path garbage = Files.writeString(dir.resolve("alice.key"), "hello\n");

    Run publish =
        CliRun.palm(
            "publish",
            "--pack",
            "ibank",
            "--operation",
            "restart",
            "--deployment",
            "d-1",
            "--actor",
            "alice",
            "--key",
            garbage.toString(),
            "--bootstrap-servers",
            "127.0.0.1:9",
            "--registry-url",
            "http://127.0.0.1:9");

    assertThat(publish.exitCode()).as(publish.toString()).isEqualTo(ExitCode.USAGE.code());
    assertThat(publish.err()).contains("--key " + garbage).contains("palm keys generate");
    assertThat(publish.out()).doesNotContain("published");
  }
}
