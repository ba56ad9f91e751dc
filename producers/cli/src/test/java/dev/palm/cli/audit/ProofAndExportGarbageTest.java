package dev.palm.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.cli.CliRun;
import dev.palm.cli.CliRun.Run;
import dev.palm.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Garbage given to the offline checks is a clear error, never a pass. */
class ProofAndExportGarbageTest {

  @TempDir Path dir;

  @Test
  void aFileThatIsNoProofIsRefusedWithItsName() throws Exception {
    Path notJson = dir.resolve("garbage.json");
    Files.writeString(notJson, "\u0000\u0001 not json");
    Run garbage = CliRun.palm("audit", "verify-proof", "--file", notJson.toString());
    assertThat(garbage.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(garbage.err()).contains("garbage.json").contains("not a JSON proof");

    Path other = dir.resolve("other.json");
    Files.writeString(other, "{\"proof\": \"something-else\"}");
    Run wrongKind = CliRun.palm("audit", "verify-proof", "--file", other.toString());
    assertThat(wrongKind.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(wrongKind.err()).contains("is not an inclusion proof");

    Run missing =
        CliRun.palm("audit", "verify-proof", "--file", dir.resolve("nope.json").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCode.BAD_INPUT.code());
    assertThat(missing.err()).contains("nope.json does not exist");
  }

  @Test
  void aGarbledCheckpointLineIsUnreadableNamingItsLine() throws Exception {
    Path export = dir.resolve("garbled.jsonl");
    Files.write(
        export,
        List.of("{\"_checkpoint\": {}, \"_avro\": \"not base64!\", \"_writer_schema\": \"{}\"}"));
    Run run = CliRun.palm("audit", "verify", "--file", export.toString(), "--trust-on-first-use");
    assertThat(run.exitCode()).isEqualTo(ExitCode.UNREADABLE.code());
    assertThat(run.out()).contains("garbled.jsonl:1").contains("checkpoint line");
  }
}
