package io.wxlogin.sandbox.wxapi;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.wxlogin.sandbox.control.Fault;
import io.wxlogin.sandbox.control.Faults;
import io.wxlogin.sandbox.control.Stats;

/**
 * What stands in front of each WeChat path: it counts the call and its answer for {@code /sandbox/stats},
 * and applies the next injected fault (a delay, then an errcode instead of the real answer).
 */
public final class ApiGate {

  /** WeChat answers errors on its picture endpoint as text/plain; clients rely on that to spot them. */
  public static final String SHOW_QR = "/cgi-bin/showqrcode";

  private final Vertx vertx;
  private final Stats stats;
  private final Faults faults;

  public ApiGate(Vertx vertx, Stats stats, Faults faults) {
    this.vertx = vertx;
    this.stats = stats;
    this.faults = faults;
  }

  public Handler<RoutingContext> wrap(String path, Handler<RoutingContext> api) {
    return ctx -> {
      stats.called(path);
      ctx.addEndHandler(ended -> record(path, ctx, ended.succeeded()));
      Fault fault = faults.next(path);
      if (fault == null) {
        api.handle(ctx);
      } else if (fault.delayMs() > 0) {
        vertx.timer(fault.delayMs()).onSuccess(v -> suffer(path, fault, ctx, api));
      } else {
        suffer(path, fault, ctx, api);
      }
    };
  }

  private void suffer(String path, Fault fault, RoutingContext ctx, Handler<RoutingContext> api) {
    if (ctx.response().closed() || ctx.response().ended()) {
      return;
    }
    if (fault.errcode() == null) {
      api.handle(ctx);
    } else if (SHOW_QR.equals(path)) {
      WxAnswer.plainTextError(ctx, fault.errcode());
    } else {
      WxAnswer.error(ctx, fault.errcode());
    }
  }

  private void record(String path, RoutingContext ctx, boolean ended) {
    Integer errcode = ctx.get(WxAnswer.ERRCODE);
    if (!ended) {
      stats.aborted(path);
    } else if (errcode != null) {
      stats.answeredErrcode(path, errcode);
    } else if (ctx.response().getStatusCode() == 200) {
      stats.answeredOk(path);
    } else {
      stats.answeredHttpStatus(path, ctx.response().getStatusCode());
    }
  }
}
