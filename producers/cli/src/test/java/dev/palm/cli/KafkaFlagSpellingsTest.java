package dev.palm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Kafka's own tools spell the connection flags {@code --bootstrap-server} and {@code
 * --command-config}; every {@code palm} command that connects to Kafka accepts those spellings as
 * well as its own.
 */
class KafkaFlagSpellingsTest {

  @Test
  void everyCommandThatConnectsAcceptsKafkasSpellings() {
    List<String> connecting = new ArrayList<>();
    walk(Palm.commandLine(), connecting);
    // run, bench and the client commands (publish, decisions, approvals, holds, audit, ...)
    assertThat(connecting).contains("palm run", "palm bench", "palm publish", "palm audit verify");
    assertThat(connecting.size()).isGreaterThan(10);
  }

  private static void walk(CommandLine cl, List<String> connecting) {
    CommandSpec spec = cl.getCommandSpec();
    OptionSpec servers = spec.findOption("--bootstrap-servers");
    if (servers != null) {
      connecting.add(spec.qualifiedName());
      assertThat(spec.findOption("--bootstrap-server")).as(spec.qualifiedName()).isSameAs(servers);
      assertThat(spec.findOption("-b")).as(spec.qualifiedName()).isSameAs(servers);
      OptionSpec config = spec.findOption("--client-config");
      assertThat(config).as(spec.qualifiedName()).isNotNull();
      assertThat(spec.findOption("--command-config")).as(spec.qualifiedName()).isSameAs(config);
    }
    cl.getSubcommands().values().forEach(sub -> walk(sub, connecting));
  }

  @Test
  void bothSpellingsSetTheSameValue() {
    for (String[] flags :
        new String[][] {
          {"--bootstrap-server", "--command-config"}, {"--bootstrap-servers", "--client-config"}
        }) {
      ParseResult parsed =
          Palm.commandLine()
              .parseArgs(
                  "decisions", "tail", "--pack", "ibank", flags[0], "k1:9093", flags[1], "c.props");
      ParseResult tail = parsed.subcommand().subcommand();
      assertThat(tail.matchedOptionValue("--bootstrap-servers", (Object) null))
          .isEqualTo(Optional.of("k1:9093"));
      assertThat(tail.matchedOptionValue("--client-config", (Object) null))
          .isEqualTo(Optional.of(Path.of("c.props")));
    }
  }
}
