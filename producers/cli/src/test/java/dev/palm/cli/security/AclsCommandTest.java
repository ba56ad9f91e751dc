package dev.palm.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palm.cli.CliRun;
import dev.palm.cli.CliRun.Run;
import dev.palm.cli.ExitCode;
import org.junit.jupiter.api.Test;

class AclsCommandTest {

  @Test
  void printsTheSecuredProfileForTheLoadedPacks() {
    Run run =
        CliRun.palm(
            "acls",
            "--pipeline",
            "User:palm",
            "--platforms",
            "User:platform",
            "--auditors",
            "User:compliance");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("ACLs for packs")
        .contains("--allow-principal User:palm --operation All --topic 'palm.'")
        .contains("--allow-principal User:platform --operation Write --topic 'palm.operations'")
        .contains("--allow-principal User:compliance --operation Read --topic 'palm.ibank.audit'")
        .doesNotContain("User:platform --operation Write --topic 'palm.ibank.audit'")
        .doesNotContain("User:compliance --operation Write");
  }

  @Test
  void aPrincipalWithoutItsTypeIsABadFlag() {
    Run run = CliRun.palm("acls", "--pipeline", "palm");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(run.err()).contains("'palm' is not a Kafka principal").contains("User:NAME");
  }
}
