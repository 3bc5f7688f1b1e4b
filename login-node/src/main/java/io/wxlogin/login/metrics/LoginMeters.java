package io.wxlogin.login.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wxlogin.wechat.ApiObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The figures an on-call engineer looks at first (README, metrics table; the Grafana dashboard in deploy/ is
 * built on these names). The day's QR quota gauge, {@code wxlogin_qr_quota_used}, is the quota guard's. Meters with a fixed label set are registered once here; those labelled by a WeChat
 * errcode are made on first use and kept, since registering looks the meter up on every call.
 */
public final class LoginMeters implements ApiObserver {

  /** Buckets from "instant" to "the user gave up": pub/sub wake-ups take milliseconds, a lost message seconds. */
  private static final Duration[] NOTIFY_BUCKETS = durations(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
      10_000);
  /** WeChat answers in tens of milliseconds when well, the node gives up at WECHAT_API_TIMEOUT_MS. */
  private static final Duration[] API_BUCKETS = durations(10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000);

  /** The reasons a QR request is refused, guard's included (rate limits, quota), registered at zero. */
  private static final List<String> REFUSAL_REASONS = List.of("no_token", "wechat_error", "unavailable",
      "wechat_slow", "rate_limited", "in_flight", "quota_exhausted");
  private static final String QR_API = "qrcode/create";

  private final MeterRegistry registry;
  private final Counter newLogins;
  private final Counter returningLogins;
  private final Timer notifyLatency;
  private final Map<String, Counter> apiCalls = new ConcurrentHashMap<>();
  private final Map<String, Timer> apiLatency = new ConcurrentHashMap<>();
  private final Map<String, Counter> qrRefused = new ConcurrentHashMap<>();

  public LoginMeters(MeterRegistry registry) {
    this.registry = registry;
    newLogins = logins("new");
    returningLogins = logins("returning");
    // every name on /metrics from the first scrape, at zero: a dashboard shows 0, not "no data"
    REFUSAL_REASONS.forEach(this::qrRefusedCounter);
    called(QR_API, "0", 0);
    notifyLatency = Timer.builder("wxlogin_notify_latency")
        .description("from WeChat's callback confirming a scan to the browser's poll answered with the session, "
            + "measured on the node answering the poll")
        .serviceLevelObjectives(NOTIFY_BUCKETS).register(registry);
  }

  private Counter logins(String outcome) {
    return Counter.builder("wxlogin_logins_total").description("logins completed (session handed to the browser), "
        + "by whether the openid had never logged in before").tag("outcome", outcome).register(registry);
  }

  /** A browser received its session: one login, and how long after the confirmation it was told. */
  public void login(boolean newUser, Long confirmedAtMs) {
    (newUser ? newLogins : returningLogins).increment();
    if (confirmedAtMs != null) {
      notifyLatency.record(Math.max(0, System.currentTimeMillis() - confirmedAtMs), TimeUnit.MILLISECONDS);
    }
  }

  /** A QR request not answered with a QR code, by a fixed reason name from the code (never client text). */
  public void qrRefused(String reason) {
    qrRefusedCounter(reason).increment();
  }

  /**
   * A refusal counted by the node's guards: the QR ones (a client over its rate limit, too many calls to WeChat
   * in flight, the day's quota spent) are QR codes refused too; the others (polls, connections) are not.
   */
  public void guardRefused(String guardReason) {
    if (guardReason.startsWith("rate_limited")) {
      qrRefused("rate_limited");
    } else if (guardReason.equals("qr_in_flight")) {
      qrRefused("in_flight");
    } else if (guardReason.equals("qr_quota_exhausted")) {
      qrRefused("quota_exhausted");
    }
  }

  private Counter qrRefusedCounter(String reason) {
    return qrRefused.computeIfAbsent(reason, r -> Counter.builder("wxlogin_qr_refused_total")
        .description("QR code requests refused, by reason").tag("reason", r).register(registry));
  }

  @Override
  public void called(String api, String outcome, long nanos) {
    Counter calls = apiCalls.computeIfAbsent(api + '\0' + outcome, k -> Counter.builder(
            "wxlogin_wechat_api_calls_total")
        .description("WeChat API calls by API and errcode (0 = success, unreachable = no usable answer)")
        .tag("api", api).tag("errcode", outcome).register(registry));
    Timer latency = apiLatency.computeIfAbsent(api, a -> Timer.builder("wxlogin_wechat_api_latency")
        .description("WeChat API call duration, answered or not").tag("api", a)
        .serviceLevelObjectives(API_BUCKETS).register(registry));
    if (nanos > 0) {
      calls.increment();
      latency.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /**
   * The access_token as this node holds it: its age since the token-server refreshed it and the time left,
   * NaN while the node holds none. {@code refreshedAtMs} and {@code expiresAtMs} answer null for none.
   */
  public void token(Supplier<Long> refreshedAtMs, Supplier<Long> expiresAtMs) {
    Gauge.builder("wxlogin_token_age_seconds", () -> secondsSince(refreshedAtMs.get()))
        .description("age of the access_token this node holds (login-node's view)").register(registry);
    Gauge.builder("wxlogin_token_expires_in_seconds", () -> secondsUntil(expiresAtMs.get()))
        .description("time until the access_token this node holds expires (login-node's view)").register(registry);
  }

  private static double secondsSince(Long epochMs) {
    return epochMs == null ? Double.NaN : (System.currentTimeMillis() - epochMs) / 1000.0;
  }

  private static double secondsUntil(Long epochMs) {
    return epochMs == null ? Double.NaN : (epochMs - System.currentTimeMillis()) / 1000.0;
  }

  private static Duration[] durations(long... millis) {
    Duration[] out = new Duration[millis.length];
    for (int i = 0; i < millis.length; i++) {
      out[i] = Duration.ofMillis(millis[i]);
    }
    return out;
  }
}
