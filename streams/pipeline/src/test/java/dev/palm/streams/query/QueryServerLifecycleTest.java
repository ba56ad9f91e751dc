package dev.palm.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Binding, closing and rebinding the query API's port, without Kafka. */
class QueryServerLifecycleTest {

  private static final String TOKEN = "lifecycle-token-0123456789";

  @Test
  void aBoundServerReportsItsPortAndReleasesItWhenClosedEvenIfNeverStarted() {
    QueryServer server = QueryServer.bind(QueryServerConfig.loopback(0, TOKEN));
    int port = server.hostInfo().port();
    assertThat(port).isPositive();
    assertThat(server.applicationServer()).isEqualTo("127.0.0.1:" + port);
    assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + port);

    assertThatThrownBy(() -> QueryServer.bind(QueryServerConfig.loopback(port, TOKEN)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("127.0.0.1:" + port);
    server.close();
    server.close(); // idempotent

    try (QueryServer again = QueryServer.bind(QueryServerConfig.loopback(port, TOKEN))) {
      assertThat(again.hostInfo().port()).isEqualTo(port);
    }
  }
}
