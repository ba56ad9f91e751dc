package dev.palm.cli;

import dev.palm.cli.packs.PacksCommand;
import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The single `palm` command-line launcher: every subcommand of the project hangs off this class.
 */
@Command(
    name = "palm",
    mixinStandardHelpOptions = true,
    versionProvider = PalmVersion.class,
    description = {
      "PALM: policy enforcement and hash-chained audit for AI-agent platforms.",
      "Run `palm <command> --help` for the options of a command."
    },
    subcommands = {
      PacksCommand.class,
      dev.palm.cli.ops.PublishCommand.class,
      dev.palm.cli.ops.DecisionsCommand.class,
      dev.palm.cli.ops.ApprovalsCommand.class,
      dev.palm.cli.ops.HoldsCommand.class,
      dev.palm.cli.ops.OutcomesCommand.class,
      dev.palm.cli.keys.KeysCommand.class,
      dev.palm.cli.security.AclsCommand.class,
      dev.palm.cli.audit.AuditCommand.class,
      dev.palm.cli.run.RunCommand.class,
      dev.palm.cli.bench.BenchCommand.class,
      // `source <(palm generate-completion)`: bash (and zsh with bashcompinit) completion
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    })
public final class Palm implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // `palm` alone prints the overview rather than doing anything surprising.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the configured command line; tests call this to run commands in-process. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Palm());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setUsageHelpAutoWidth(true);
    cl.setParameterExceptionHandler(Palm::usageError);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // An unexpected failure: one clear line by default, the stack trace only when asked for.
          commandLine.getErr().println("palm " + commandLine.getCommandName() + ": " + describe(e));
          if (System.getenv("PALM_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          } else {
            commandLine.getErr().println("(set PALM_DEBUG=1 to see the stack trace)");
          }
          commandLine.getErr().flush();
          return ExitCode.INTERNAL.code();
        });
    return cl;
  }

  /**
   * A usage error: what is wrong, suggestions for a mistyped flag or command, and where the help is
   * — not the whole usage text, which would bury the one line that matters.
   */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String name = command.getCommandSpec().qualifiedName();
    err.println(name + ": " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + name + " --help' for the options.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    return cause != null
            && cause != e
            && cause.getMessage() != null
            && !message.contains(cause.getMessage())
        ? message + " (caused by " + cause.getMessage() + ")"
        : message;
  }

  public static void main(String[] args) {
    // Before any logger exists: Kafka client warnings (e.g. retries against an unreachable broker)
    // would
    // drown the command's own message; the commands report such failures themselves.
    if (System.getProperty("palm.kafka.log.level") == null) {
      System.setProperty("palm.kafka.log.level", "ERROR");
    }
    System.exit(commandLine().execute(args));
  }
}
