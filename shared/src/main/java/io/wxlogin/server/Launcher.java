package io.wxlogin.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.wxlogin.config.ConfigException;
import io.wxlogin.config.Env;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What every runnable's {@code main} does: one-line logs, configuration read from the environment
 * (exit 2 with one line per bad variable), a Vert.x with Prometheus metrics, the verticle deployed, and
 * a shutdown hook that closes it so parked requests are answered before the JVM ends.
 */
public final class Launcher {

  private static final System.Logger LOG = System.getLogger("wxlogin");

  private Launcher() {
  }

  public static void configureLogging() {
    Env env = Env.system();
    LogFormat format = LogFormat.from(env);
    configOrExit("wxlogin", () -> {
      env.check();
      return format;
    }).install();
  }

  /** Reads the configuration, or prints each problem as one line and exits with status 2. */
  public static <C> C configOrExit(String component, Supplier<C> read) {
    try {
      return read.get();
    } catch (ConfigException e) {
      for (String line : e.problems()) {
        System.err.println(component + ": configuration error: " + line);
      }
      System.exit(2);
      throw e;
    }
  }

  /** As {@link #vertx(PrometheusMeterRegistry, boolean)}, with {@code HTTP_SERVER_METRICS} (default false). */
  public static Vertx vertx(PrometheusMeterRegistry registry) {
    Env env = Env.system();
    boolean http = "true".equals(env.matching("HTTP_SERVER_METRICS", "false", Pattern.compile("true|false"),
        "true or false"));
    return vertx(registry, configOrExit("wxlogin", () -> {
      env.check();
      return http;
    }));
  }

  /**
   * A Vert.x whose metrics are the JVM's, plus Vert.x's per-request HTTP server meters ({@code vertx_http_server_*})
   * when {@code httpServerMetrics}. The servers' own meters ({@code wxlogin_*}) are registered by the servers.
   * The other Vert.x meters (bytes of every Redis and WeChat connection read or written, HTTP client requests,
   * pools, event bus, verticles) and, by default, the per-request ones appear on no dashboard (docs/ops.md) and
   * cost the nodes measurable CPU per login (docs/benchmarks.md).
   */
  public static Vertx vertx(PrometheusMeterRegistry registry, boolean httpServerMetrics) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
    EnumSet<MetricsDomain> kept = httpServerMetrics ? EnumSet.of(MetricsDomain.HTTP_SERVER)
        : EnumSet.noneOf(MetricsDomain.class);
    for (MetricsDomain unused : EnumSet.complementOf(kept)) {
      metrics.addDisabledMetricsCategory(unused);
    }
    // Netty's native epoll transport where the jar has it (Linux x86-64 and ARM64): fewer syscalls and less
    // garbage per request than the JDK's selector; NIO elsewhere, said once at start
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics).setPreferNativeTransport(true))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    if (!vertx.isNativeTransportEnabled()) {
      Throwable why = vertx.unavailableNativeTransportCause();
      LOG.log(System.Logger.Level.INFO, "network transport: Java NIO (Netty's native epoll transport is unavailable"
          + (why == null ? "" : ": " + why.getMessage()) + ")");
    }
    return vertx;
  }

  /** A Prometheus registry whose HTTP label values are bounded (see {@link MetricLabels}). */
  public static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    MetricLabels.bound(registry);
    return registry;
  }

  /** Deploys one instance; on failure logs the one-line reason and exits with status 1. */
  public static void deployOrExit(String component, Vertx vertx, Supplier<? extends Deployable> verticle) {
    vertx.deployVerticle(verticle, new DeploymentOptions().setInstances(1))
        .onFailure(t -> {
          System.err.println(component + ": cannot start: " + t.getMessage());
          vertx.close().onComplete(v -> System.exit(1));
        });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, component + ": shutdown did not finish cleanly: " + e);
      }
    }, component + "-shutdown"));
  }
}
