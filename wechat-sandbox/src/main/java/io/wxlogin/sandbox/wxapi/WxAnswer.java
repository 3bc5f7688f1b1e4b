package io.wxlogin.sandbox.wxapi;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Answers on WeChat's own paths, with WeChat's quirks (docs/wechat.md §6): always HTTP 200, errors as
 * {@code {"errcode","errmsg"}} with a {@code rid} suffix, {@code /} escaped as {@code \/}, and WeChat's
 * {@code application/json; encoding=utf-8} content type. A client that parses strictly by status or by an
 * exact errmsg breaks here exactly as it would against WeChat.
 */
public final class WxAnswer {

  /** Routing-context key under which an answered errcode is left for the stats. */
  public static final String ERRCODE = "wxsandbox.errcode";
  public static final String CONTENT_TYPE = "application/json; encoding=utf-8";

  private static final SecureRandom RANDOM = new SecureRandom();

  private WxAnswer() {
  }

  public static void json(RoutingContext ctx, JsonObject body) {
    if (ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(200).putHeader("Content-Type", CONTENT_TYPE).end(wechatJson(body));
  }

  public static void error(RoutingContext ctx, int errcode) {
    error(ctx, errcode, null);
  }

  /** An errcode answer; {@code detail}, when given, follows WeChat's wording to help whoever reads logs. */
  public static void error(RoutingContext ctx, int errcode, String detail) {
    ctx.put(ERRCODE, errcode);
    json(ctx, errorBody(errcode, detail));
  }

  /**
   * An errcode answer as {@code text/plain}: WeChat's image endpoints answer errors that way, and SDKs
   * (WXJ's {@code QrCodeApacheHttpRequestExecutor}) rely on the content type to tell an error from a picture.
   */
  public static void plainTextError(RoutingContext ctx, int errcode) {
    ctx.put(ERRCODE, errcode);
    if (!ctx.response().closed()) {
      ctx.response().setStatusCode(200).putHeader("Content-Type", "text/plain")
          .end(wechatJson(errorBody(errcode, null)));
    }
  }

  /**
   * The request body as a JSON object, or null after answering 47001 "data format error", which is what
   * WeChat answers (with HTTP 200) for a body it cannot parse.
   */
  public static JsonObject jsonBodyOr47001(RoutingContext ctx) {
    try {
      return new JsonObject(ctx.body().asString() == null ? "" : ctx.body().asString());
    } catch (DecodeException | ClassCastException e) {
      error(ctx, ErrCode.DATA_FORMAT_ERROR);
      return null;
    }
  }

  static JsonObject errorBody(int errcode, String detail) {
    String message = ErrCode.message(errcode) + (detail == null ? "" : ": " + detail);
    return new JsonObject().put("errcode", errcode).put("errmsg", message + " rid: " + rid());
  }

  /** In JSON a {@code /} can only occur inside a string, so escaping every one is always safe. */
  public static String wechatJson(JsonObject body) {
    return body.encode().replace("/", "\\/");
  }

  static String rid() {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    String hex = HexFormat.of().formatHex(b);
    return hex.substring(0, 8) + "-" + hex.substring(8, 16) + "-" + hex.substring(16);
  }
}
