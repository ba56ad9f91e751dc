package dev.palm.cli.ops;

import dev.palm.cli.ExitCode;
import dev.palm.client.NotPendingException;
import dev.palm.client.RegistryUnavailableException;
import dev.palm.client.UnknownPackException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the body of an operational command and turns the failures users can cause or meet into one
 * clear line on standard error and the documented exit code, instead of a stack trace.
 */
public final class Cli {

  private Cli() {}

  /**
   * Runs {@code body}; {@code connection} (may be null) names the cluster in messages about
   * reaching it. Picocli's own parameter errors pass through, so they print the usage and exit with
   * code 2.
   */
  public static int run(CommandSpec spec, ConnectionOptions connection, Callable<Integer> body) {
    PrintWriter err = spec.commandLine().getErr();
    String command = spec.qualifiedName();
    try {
      return body.call();
    } catch (CommandLine.ParameterException e) {
      throw e;
    } catch (UnknownPackException | NotPendingException e) {
      err.println(command + ": " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    } catch (RegistryUnavailableException e) {
      err.println(
          command + ": " + e.getMessage() + "; check --registry-url and that the registry is up");
      return ExitCode.UNAVAILABLE.code();
    } catch (UncheckedIOException e) {
      err.println(command + ": " + e.getMessage());
      return ExitCode.BAD_INPUT.code();
    } catch (TimeoutException e) {
      err.println(
          command
              + ": Kafka"
              + where(connection)
              + " did not answer in time: "
              + e.getMessage()
              + "; check --bootstrap-servers and --client-config");
      return ExitCode.UNAVAILABLE.code();
    } catch (SerializationException e) {
      err.println(
          command + ": " + e.getMessage() + "; check --registry-url" + registry(connection));
      return ExitCode.UNAVAILABLE.code();
    } catch (KafkaException e) {
      err.println(command + ": Kafka" + where(connection) + " failed: " + e.getMessage());
      return ExitCode.UNAVAILABLE.code();
    } catch (IllegalArgumentException e) {
      err.println(command + ": " + e.getMessage());
      err.println("Run '" + command + " --help' for the options.");
      return ExitCode.USAGE.code();
    } catch (Exception e) {
      throw new CommandLine.ExecutionException(
          spec.commandLine(), command + " failed: " + e.getMessage(), e);
    } finally {
      err.flush();
      spec.commandLine().getOut().flush();
    }
  }

  private static String where(ConnectionOptions connection) {
    if (connection == null) {
      return "";
    }
    try {
      return " at " + connection.config().bootstrapServers();
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String registry(ConnectionOptions connection) {
    if (connection == null) {
      return "";
    }
    try {
      return " (" + connection.config().registryUrl() + ")";
    } catch (RuntimeException e) {
      return "";
    }
  }
}
