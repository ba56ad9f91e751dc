package dev.palm.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The query API refuses settings that would expose it or leave it unguarded, and never prints its
 * token.
 */
class QueryServerConfigTest {

  private static final String TOKEN = "0123456789abcdef0123";

  @Test
  void thereIsNoDefaultToken() {
    assertThatThrownBy(() -> QueryServerConfig.loopback(0, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PALM_HTTP_TOKEN");
    assertThatThrownBy(() -> QueryServerConfig.loopback(0, "   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no default");
  }

  @Test
  void shortOrNonHeaderSafeTokensAreRefused() {
    assertThatThrownBy(() -> QueryServerConfig.loopback(0, "short"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16");
    assertThatThrownBy(() -> QueryServerConfig.loopback(0, "0123456789 abcdef0123"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without spaces");
  }

  @Test
  void onlyLoopbackAddressesAndValidPortsAreAccepted() {
    assertThat(new QueryServerConfig("localhost", 8081, TOKEN, 2, Duration.ofSeconds(5)).host())
        .isEqualTo("localhost");
    assertThatThrownBy(
            () -> new QueryServerConfig("0.0.0.0", 8081, TOKEN, 2, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> QueryServerConfig.loopback(70_000, TOKEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65535");
    // only an address the operator named explicitly (--http-host) may be other than loopback
    assertThat(QueryServerConfig.on("0.0.0.0", 8081, TOKEN).host()).isEqualTo("0.0.0.0");
    assertThat(
            QueryServerConfig.on("0.0.0.0", 8081, TOKEN)
                .withRequestTimeout(Duration.ofSeconds(1))
                .anyAddress())
        .isTrue();
    assertThatThrownBy(() -> QueryServerConfig.on("no-such-host.invalid", 8081, TOKEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not resolve");
    assertThatThrownBy(() -> new QueryServerConfig("127.0.0.1", 0, TOKEN, 0, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("thread");
    assertThatThrownBy(() -> QueryServerConfig.loopback(0, TOKEN).withRequestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("timeout");
  }

  @Test
  void theTokenIsNeverPrinted() {
    assertThat(QueryServerConfig.loopback(8081, TOKEN).toString())
        .doesNotContain(TOKEN)
        .contains("redacted");
  }
}
