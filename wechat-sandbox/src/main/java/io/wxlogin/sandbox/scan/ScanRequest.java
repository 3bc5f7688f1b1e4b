package io.wxlogin.sandbox.scan;

import io.vertx.core.json.JsonObject;

/** A validated {@code /sandbox/scan} body: which QR, who scans, and the test's overrides. */
record ScanRequest(String ticket, String qrContent, String openid, Boolean follower, boolean force) {

  /** Thrown with the reason a body is not a scan request. */
  static final class Invalid extends Exception {
    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  static ScanRequest parse(JsonObject body) throws Invalid {
    String ticket = optionalString(body, "ticket");
    String qrContent = optionalString(body, "qrContent");
    if (ticket == null && qrContent == null) {
      throw new Invalid("give the QR's \"ticket\" or its \"qrContent\" (the url the picture encodes)");
    }
    String openid = optionalString(body, "openid");
    Object follower = body.getValue("follower");
    Object force = body.getValue("force", false);
    if (follower != null && !(follower instanceof Boolean)) {
      throw new Invalid("follower must be true or false");
    }
    if (!(force instanceof Boolean)) {
      throw new Invalid("force must be true or false");
    }
    return new ScanRequest(ticket, qrContent, openid, (Boolean) follower, (Boolean) force);
  }

  private static String optionalString(JsonObject body, String field) throws Invalid {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isEmpty()) {
      throw new Invalid(field + " must be a non-empty string");
    }
    return s;
  }
}
