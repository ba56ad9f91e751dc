package dev.palm.cli.ops;

import dev.palm.client.ActiveHold;
import dev.palm.client.HoldClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code palm holds list}: the safety holds in force for a pack. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the safety holds in force for a pack, oldest first: HELD decisions of <prefix>.<pack>.decisions"
          + " that no later decision about the same operation has settled.",
      "",
      "Example:",
      "  palm holds list --pack finalverse"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:listed (possibly none)",
      "2:bad flags",
      "3:unknown pack",
      "4:Kafka or registry unavailable"
    })
public final class ListHoldsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ConnectionOptions connection;

  @Option(
      names = "--pack",
      required = true,
      paramLabel = "PACK",
      description = "Pack whose holds to list.")
  String pack;

  @Mixin OutputFormat output;

  @Override
  public Integer call() {
    return Cli.run(spec, connection, this::list);
  }

  private int list() {
    List<ActiveHold> holds;
    try (HoldClient client = new HoldClient(connection.config())) {
      holds = client.holds(pack);
    }
    return output.printList(
        spec.commandLine().getOut(),
        holds,
        Rendering::holdJson,
        "no holds in force in pack " + pack,
        () -> Rendering.holdTable(holds));
  }
}
