package io.wxlogin.login.guard;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.http.JsonReply;
import io.wxlogin.wechat.WeChatException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * What a request must pass before it may cost a {@code qrcode/create}: a free slot among this node's calls in
 * flight (answered at once when WeChat is slow), the client's rate limits, and the day's quota. A refusal is
 * answered here; a request let through gets a {@link Ticket} that reports how WeChat answered.
 */
public final class QrGate {

  private static final System.Logger LOG = System.getLogger("wxlogin.qrcode");
  static final String QUOTA_MESSAGE = "Logging in with WeChat is unavailable until midnight China time (%s UTC) "
      + "because today's QR code allowance is used up; please try again then.";

  private final ClientAddress clients;
  private final QrAdmission admission;
  private final QrQuota quota;
  private final InFlightCap inFlight;
  private final Refusals refusals;

  QrGate(ClientAddress clients, QrAdmission admission, QrQuota quota, InFlightCap inFlight, Refusals refusals) {
    this.clients = clients;
    this.admission = admission;
    this.quota = quota;
    this.inFlight = inFlight;
    this.refusals = refusals;
  }

  /** A ticket to call WeChat, or null when the request was refused (and already answered). */
  public Future<Ticket> admit(RoutingContext ctx) {
    if (!inFlight.tryAcquire()) {
      refusals.count("qr_in_flight", "QR refused at once: " + inFlight.inFlight()
          + " qrcode/create calls already in flight on this node (QR_CREATE_IN_FLIGHT_MAX); WeChat is slow");
      wechatSlow(ctx);
      return Future.succeededFuture(null);
    }
    String address = clients.of(ctx.request());
    return admission.take(address)
        .map(checks -> {
          QrRateLimiter.Verdict verdict = checks.verdict();
          if (!verdict.allowed()) {
            refusals.count("rate_limited_" + verdict.window(), "QR refused: " + ClientAddress.masked(address)
                + " is over its " + verdict.window().replace('_', ' ') + " limit");
            ctx.response().putHeader("Retry-After", String.valueOf(verdict.retryAfterSeconds()));
            JsonReply.error(ctx, 429, "rate_limited", "Too many QR codes were requested from your network; "
                + "try again in " + verdict.retryAfterSeconds() + " seconds.");
            return (Ticket) null;
          }
          return checks.permit() == QrQuota.Permit.SPENT ? quotaExhausted(ctx) : new Ticket(checks.permit());
        })
        .onComplete(ar -> {
          if (ar.failed() || ar.result() == null) {
            inFlight.release();
          }
        });
  }

  /** {@code 503 qr_quota_exhausted} with {@code Retry-After} until WeChat's day ends; answers null. */
  public Ticket quotaExhausted(RoutingContext ctx) {
    refusals.count("qr_quota_exhausted");
    long retry = quota.retryAfterSeconds();
    ctx.response().putHeader("Retry-After", String.valueOf(retry));
    String until = DateTimeFormatter.ISO_LOCAL_TIME.format(Instant.now().plusSeconds(retry)
        .atZone(java.time.ZoneOffset.UTC).toLocalTime().withSecond(0).withNano(0));
    JsonReply.error(ctx, 503, "qr_quota_exhausted", String.format(QUOTA_MESSAGE, until));
    return null;
  }

  /** {@code 503 wechat_slow}: WeChat did not answer in time, or too many calls already wait for it. */
  public static void wechatSlow(RoutingContext ctx) {
    ctx.response().putHeader("Retry-After", "5");
    JsonReply.error(ctx, 503, "wechat_slow", "WeChat is answering slowly right now; try again in a few seconds.");
  }

  /** One admitted {@code qrcode/create}; {@link #done} must be called exactly once with WeChat's outcome. */
  public final class Ticket {
    private final QrQuota.Permit permit;
    private boolean done;

    private Ticket(QrQuota.Permit permit) {
      this.permit = permit;
    }

    /** {@code failure} is null when WeChat created the code. A 45009 spends the day's quota for every node. */
    public void done(Throwable failure) {
      if (done) {
        return;
      }
      done = true;
      inFlight.release();
      if (failure == null && permit == QrQuota.Permit.PROBE) {
        quota.probeSucceeded().onFailure(t -> LOG.log(System.Logger.Level.WARNING, "cannot lift the QR quota: " + t));
      } else if (failure instanceof WeChatException e && e.errcode() == 45009) {
        quota.spentByWeChat().onFailure(t -> LOG.log(System.Logger.Level.WARNING, "cannot record 45009: " + t));
      }
    }
  }
}
