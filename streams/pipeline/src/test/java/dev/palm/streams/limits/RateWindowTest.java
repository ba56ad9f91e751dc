package dev.palm.streams.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RateWindowTest {

  @Test
  void aCappedWindowDecidesExactlyLikeTheFullHistory() {
    Random random = new Random(42);
    for (int limit : new int[] {1, 3, 10, 60}) {
      RateWindow full = RateWindow.EMPTY;
      RateWindow capped = RateWindow.EMPTY;
      long t = 1_000_000L;
      for (int i = 0; i < 5_000; i++) {
        // bursts and pauses, so the window both fills up and drains
        t += random.nextInt(10) == 0 ? random.nextInt(90_000) : random.nextInt(2_000);
        long now = full.clock(t);
        boolean fullBreach = full.countAt(now) >= limit;
        boolean cappedBreach = capped.countAt(now) >= limit;
        assertThat(cappedBreach).as("limit %d, step %d, t %d", limit, i, now).isEqualTo(fullBreach);
        if (!fullBreach) {
          full = full.admit(now);
          capped = capped.admit(now, limit);
        }
        assertThat(capped.admitted()).hasSizeLessThanOrEqualTo(limit);
      }
    }
  }

  @Test
  void theWindowIsHalfOpenAtSixtySeconds() {
    RateWindow w = RateWindow.EMPTY.admit(0, 5);
    assertThat(w.countAt(RateWindow.WINDOW_MS - 1)).isEqualTo(1);
    assertThat(w.countAt(RateWindow.WINDOW_MS)).isZero();
  }
}
