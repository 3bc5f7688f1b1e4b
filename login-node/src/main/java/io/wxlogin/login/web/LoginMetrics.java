package io.wxlogin.login.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.wxlogin.login.metrics.LoginMeters;
import io.wxlogin.login.poll.ParkedPolls;
import io.wxlogin.metrics.Counters;

/** What an operator watches on {@code /metrics} besides Vert.x's own HTTP and pool figures. */
public final class LoginMetrics {

  private static final String QR_CODES = "wxlogin_qrcodes_total";
  private static final String QR_CODES_HELP = "QR codes requested, by result";

  private final MeterRegistry registry;
  private final Counters counters;

  private final LoginMeters onCall;

  public LoginMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.counters = new Counters(registry);
    this.onCall = new LoginMeters(registry);
    Counter.builder(QR_CODES).description(QR_CODES_HELP).tag("result", "ok").register(registry);
  }

  /** The on-call figures: logins, notify latency, refusals, WeChat API calls, the token's age. */
  public LoginMeters onCall() {
    return onCall;
  }

  /** A QR code handed out, or why not ({@code ok}, {@code no_token}, {@code wechat_error}, {@code unavailable}). */
  public void qrCode(String result) {
    count(QR_CODES, QR_CODES_HELP, "result", result);
    // a spent quota is refused through the guard's gate, which counts it (LoginMeters.guardRefused)
    if (!"ok".equals(result) && !"quota_exhausted".equals(result)) {
      onCall.qrRefused(result);
    }
  }

  /** A scan event's outcome: claimed, retry, same_user, taken, expired, or store_timeout. */
  public void scan(String outcome) {
    count("wxlogin_scans_total", "login QR scans received from WeChat, by outcome", "outcome", outcome);
  }

  /** A text "1" or "0" answering a login: confirmed, refused, revoked, already_confirmed, already_ended, nothing… */
  public void answer(String outcome) {
    count("wxlogin_answers_total", "texts 1 / 0 answering a login scan, by outcome", "outcome", outcome);
  }

  /** A callback refused before it was read: bad_signature, bad_xml, bad_encrypt… */
  public void callbackRefused(String reason) {
    count("wxlogin_callbacks_refused_total", "WeChat callbacks refused, by reason", "reason", reason);
  }

  /** A poll answered: PENDING, CONFIRMED, CONSUMED, EXPIRED or error. */
  public void pollAnswered(String status) {
    count("wxlogin_polls_answered_total", "long-polls answered, by status", "status", status);
  }

  /** The gauge of long-polls this node holds. */
  public void parkedPolls(ParkedPolls parked) {
    Gauge.builder("wxlogin_polls_parked", parked, ParkedPolls::size)
        .description("long-polls held by this node").register(registry);
  }

  private void count(String name, String description, String tag, String value) {
    counters.increment(name, description, tag, value);
  }
}
