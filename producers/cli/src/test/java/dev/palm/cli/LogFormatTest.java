package dev.palm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/** Pipeline and command log lines start with an ISO-8601 timestamp with its zone. */
class LogFormatTest {

  @Test
  void aLogLineStartsWithAnIsoTimestamp() throws Exception {
    // the shipped configuration (tests otherwise run with log4j2-test.xml)
    URL shipped = getClass().getClassLoader().getResource("log4j2.xml");
    assertThat(shipped).isNotNull();
    LoggerContext context =
        Configurator.initialize("log-format-test", getClass().getClassLoader(), shipped.toURI());
    Layout<?> layout;
    try {
      layout = context.getConfiguration().getAppender("stderr").getLayout();
    } finally {
      Configurator.shutdown(context);
    }
    long at = 1_796_612_400_123L; // 2026-12-06T03:00:00.123Z
    String line =
        new String(
            layout.toByteArray(
                Log4jLogEvent.newBuilder()
                    .setLoggerName("dev.palm.streams.service.PalmService")
                    .setLevel(Level.INFO)
                    .setMessage(new SimpleMessage("pipeline running"))
                    .setTimeMillis(at)
                    .build()),
            StandardCharsets.UTF_8);
    String expected =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneId.systemDefault())
            .format(Instant.ofEpochMilli(at));
    assertThat(line)
        .startsWith(expected + " INFO  PalmService - pipeline running")
        .matches("(?s)\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) .*");
  }
}
