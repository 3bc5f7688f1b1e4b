package io.wxlogin.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Label values a client chooses must not become meters: Vert.x tags every HTTP request with its method and
 * status, so 20,000 requests with random method names made 121,000 meter ids and a 16 MB {@code /metrics}.
 * These filters fold every method outside the standard set into {@code OTHER}, any status that is not a
 * three-digit HTTP code into {@code other}, and a request path or route (if ever enabled) that no route
 * matched into {@code unmatched}.
 */
public final class MetricLabels {

  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
      "CONNECT", "TRACE");
  private static final Pattern CODE = Pattern.compile("[1-5][0-9][0-9]");
  private static final int MAX_PATHS = 64;

  private MetricLabels() {
  }

  /** Installs the filters; call before any meter is registered (before Vert.x is built). */
  public static void bound(MeterRegistry registry) {
    registry.config()
        .meterFilter(MeterFilter.replaceTagValues("method", m -> METHODS.contains(m) ? m : "OTHER"))
        .meterFilter(MeterFilter.replaceTagValues("code", c -> CODE.matcher(c).matches() ? c : "other"))
        .meterFilter(MeterFilter.replaceTagValues("route", r -> r == null || r.isEmpty() ? "unmatched" : r))
        // a path label carries whatever the client asked for: cap it outright rather than trust the routes
        .meterFilter(MeterFilter.maximumAllowableTags("vertx.http.server", "path", MAX_PATHS, MeterFilter.deny()));
  }
}
