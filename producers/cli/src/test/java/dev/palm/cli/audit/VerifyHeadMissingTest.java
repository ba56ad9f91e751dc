package dev.palm.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.cli.CliRun;
import dev.palm.cli.CliRun.Run;
import dev.palm.cli.ExitCode;
import dev.palm.client.ClientConfig;
import dev.palm.client.Fixture;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, finding 3: deleting the head of a trail that is kept forever (iBank) no longer
 * verifies; where records expire, a later start is only a note.
 */
@Tag("integration")
class VerifyHeadMissingTest {

  private static final String PACK = "ibank";

  @Test
  void aDeletedHeadOfATrailKeptForeverFailsVerification() throws Exception {
    ClientConfig config = Fixture.config("head-missing");
    Fixture.createTopics(config, PACK);
    String topic = config.layout().audit(PACK).name();
    Fixture.writeAudit(
        config, PACK, Fixture.chain(PACK, 10, Fixture.base(), Duration.ofMinutes(1)));

    Fixture.deleteBefore(config, topic, 3);

    // kept forever (as iBank's audit): the missing head is a failure, exit 16
    Fixture.retention(config, topic, "-1");
    Run forever = CliRun.palm(config, "audit", "verify", "--pack", PACK, "--no-checkpoints");
    assertThat(forever.exitCode()).as(forever.toString()).isEqualTo(ExitCode.HEAD_MISSING.code());
    assertThat(forever.out())
        .contains("chain: INTACT")
        .contains("head: MISSING")
        .contains("records 0..2 were deleted");
    assertThat(forever.err()).contains("the head of the trail is missing (exit code 16)");

    // a topic that expires records (here after 30 days): a later start is only a note
    Fixture.retention(config, topic, Long.toString(Duration.ofDays(30).toMillis()));
    Run expiring = CliRun.palm(config, "audit", "verify", "--pack", PACK, "--no-checkpoints");
    assertThat(expiring.exitCode()).as(expiring.toString()).isZero();
    assertThat(expiring.out())
        .contains("note: the oldest retained record is sequence 3")
        .doesNotContain("head: MISSING");
  }
}
