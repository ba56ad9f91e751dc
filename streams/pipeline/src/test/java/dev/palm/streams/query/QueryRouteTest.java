package dev.palm.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Request paths map to exactly one endpoint, with percent-decoded ids, or to none. */
class QueryRouteTest {

  @Test
  void everyEndpointHasItsPath() {
    assertThat(QueryRoute.parse("/health", null)).contains(new QueryRoute.Health());
    assertThat(QueryRoute.parse("/metrics", null)).contains(new QueryRoute.Metrics());
    assertThat(QueryRoute.parse("/packs", null)).contains(new QueryRoute.Packs());
    assertThat(QueryRoute.parse("/packs/", null)).contains(new QueryRoute.Packs());
    assertThat(QueryRoute.parse("/packs/ibank", null)).contains(new QueryRoute.Pack("ibank"));
    assertThat(QueryRoute.parse("/packs/ibank/operations/op-1", null))
        .contains(new QueryRoute.OperationHistory("ibank", "op-1"));
    assertThat(QueryRoute.parse("/packs/ibank/deployments/dep-7/audit", null))
        .contains(new QueryRoute.DeploymentAudit("ibank", "dep-7"));
    assertThat(QueryRoute.parse("/packs/ibank/approvals", "state=pending"))
        .contains(new QueryRoute.Approvals("ibank", "pending"));
    assertThat(QueryRoute.parse("/packs/ibank/audit/verify", null))
        .contains(new QueryRoute.Verify("ibank"));
  }

  @Test
  void idsArePercentDecodedSegmentBySegment() {
    assertThat(QueryRoute.parse("/packs/ibank/operations/a%2Fb%20c+d", null))
        .contains(new QueryRoute.OperationHistory("ibank", "a/b c+d"));
    assertThat(QueryServer.encodeSegment("a/b c+d")).isEqualTo("a%2Fb%20c%2Bd");
  }

  @Test
  void approvalsDefaultToPendingAndKeepAnyOtherStateForTheAnswerToRefuse() {
    assertThat(QueryRoute.parse("/packs/ibank/approvals", null))
        .contains(new QueryRoute.Approvals("ibank", "pending"));
    assertThat(QueryRoute.parse("/packs/ibank/approvals", "x=1&state=settled"))
        .contains(new QueryRoute.Approvals("ibank", "settled"));
  }

  @Test
  void anythingElseHasNoEndpoint() {
    for (String path :
        new String[] {
          "/",
          "",
          "health",
          "/healthz",
          "/packs/ibank/operations",
          "/packs/ibank/operations/a/b",
          "/packs/ibank/deployments/d",
          "/packs/ibank/deployments/d/state",
          "/packs//operations/x",
          "/packs/ibank/audit",
          "/packs/ibank/audit/verify/now",
          "/packs/%zz",
          "/metrics/x"
        }) {
      assertThat(QueryRoute.parse(path, null)).as(path).isEmpty();
    }
  }
}
