package dev.palm.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palm.cli.ExitCode;
import dev.palm.cli.Palm;
import dev.palm.streams.query.QueryServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `palm run --http-port/--http-token`: the query API's options are checked before anything starts.
 */
class RunQueryApiOptionsTest {

  private static final String TOKEN = "run-option-token-0123456789";

  /** The exit code and error output of one command. */
  private record Result(int exitCode, String out, String err) {}

  private static Result palm(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Palm.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void aTokenWithoutAPortOrATooShortTokenIsAUsageError() {
    Result noPort = palm("run", "--http-token", TOKEN);
    assertThat(noPort.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(noPort.err()).contains("--http-token needs --http-port");

    Result shortToken = palm("run", "--http-port", "0", "--http-token", "short");
    assertThat(shortToken.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(shortToken.err()).contains("at least 16");
  }

  @Test
  void thePortNeedsATokenFromTheFlagOrTheEnvironment() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--http-port", "8081");
    assertThatThrownBy(() -> run.queryServerConfig(null))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining(RunCommand.HTTP_TOKEN_ENV);

    QueryServerConfig fromEnvironment = run.queryServerConfig(TOKEN).orElseThrow();
    assertThat(fromEnvironment.port()).isEqualTo(8081);
    assertThat(fromEnvironment.token()).isEqualTo(TOKEN);
    assertThat(fromEnvironment.host()).isEqualTo("127.0.0.1");

    RunCommand flag = new RunCommand();
    new CommandLine(flag).parseArgs("--http-port", "0", "--http-token", TOKEN);
    assertThat(flag.queryServerConfig("another-token-from-the-environment").orElseThrow().token())
        .isEqualTo(TOKEN);

    RunCommand none = new RunCommand();
    new CommandLine(none).parseArgs();
    assertThat(none.queryServerConfig(TOKEN)).isEmpty();
  }

  @Test
  void anExplicitHttpHostMayBeOtherThanLoopbackAndTheDefaultStaysLoopback() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--http-port", "8081", "--http-host", "0.0.0.0");
    QueryServerConfig anyAddress = run.queryServerConfig(TOKEN).orElseThrow();
    assertThat(anyAddress.host()).isEqualTo("0.0.0.0");
    assertThat(anyAddress.anyAddress()).isTrue();

    RunCommand plain = new RunCommand();
    new CommandLine(plain).parseArgs("--http-port", "8081");
    QueryServerConfig loopback = plain.queryServerConfig(TOKEN).orElseThrow();
    assertThat(loopback.host()).isEqualTo("127.0.0.1");
    assertThat(loopback.anyAddress()).isFalse();
  }

  @Test
  void aGroupInstanceIdWithIllegalCharactersIsAUsageError() {
    Result bad =
        palm(
            "run",
            "--bootstrap-servers",
            "127.0.0.1:1",
            "--registry-url",
            "http://127.0.0.1:1",
            "--group-instance-id",
            "two words");
    assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE.code());
    assertThat(bad.err()).contains("--group-instance-id 'two words'");
  }

  @Test
  void helpNamesTheOptionsAndTheEnvironmentVariable() {
    Result help = palm("run", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains(
            "--http-port",
            "--http-token",
            "--http-host",
            "--group-instance-id",
            RunCommand.HTTP_TOKEN_ENV);
  }
}
