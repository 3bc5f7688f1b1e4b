package io.wxlogin.login.oidc;

import io.wxlogin.redis.RedisFields.OidcRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A validated authorization request (OIDC Core 3.1.2.1), as kept in Redis while the user scans.
 * {@code maxAge} is -1 when absent; {@code scene} is the QR code shown for it, once there is one.
 */
record AuthRequest(String clientId, String redirectUri, String state, String nonce, String codeChallenge,
    Set<String> scopes, Set<String> prompt, int maxAge, String loginHint, String scene) {

  Map<String, String> toFields() {
    Map<String, String> m = new HashMap<>();
    m.put(OidcRequest.CLIENT_ID.field(), clientId);
    m.put(OidcRequest.REDIRECT_URI.field(), redirectUri);
    m.put(OidcRequest.STATE.field(), state == null ? "" : state);
    m.put(OidcRequest.NONCE.field(), nonce == null ? "" : nonce);
    m.put(OidcRequest.CODE_CHALLENGE.field(), codeChallenge == null ? "" : codeChallenge);
    m.put(OidcRequest.SCOPE.field(), String.join(" ", scopes));
    m.put(OidcRequest.PROMPT.field(), String.join(" ", prompt));
    m.put(OidcRequest.MAX_AGE.field(), String.valueOf(maxAge));
    m.put(OidcRequest.LOGIN_HINT.field(), loginHint == null ? "" : loginHint);
    return m;
  }

  static AuthRequest fromFields(Map<String, String> m) {
    return new AuthRequest(m.get(OidcRequest.CLIENT_ID.field()), m.get(OidcRequest.REDIRECT_URI.field()),
        optional(m, OidcRequest.STATE), optional(m, OidcRequest.NONCE), optional(m, OidcRequest.CODE_CHALLENGE),
        words(m.get(OidcRequest.SCOPE.field())), words(m.get(OidcRequest.PROMPT.field())),
        Integer.parseInt(m.getOrDefault(OidcRequest.MAX_AGE.field(), "-1")), optional(m, OidcRequest.LOGIN_HINT),
        optional(m, OidcRequest.SCENE));
  }

  private static String optional(Map<String, String> m, OidcRequest field) {
    return blankToNull(m.get(field.field()));
  }

  boolean offlineAccess() {
    return scopes.contains("offline_access");
  }

  private static Set<String> words(String s) {
    return s == null || s.isBlank() ? Set.of() : Set.copyOf(java.util.List.of(s.strip().split(" +")));
  }

  static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The scene id is a bearer secret while the login is pending: only its first 8 characters are shown. */
  @Override
  public String toString() {
    String shown = scene == null ? null : scene.substring(0, Math.min(8, scene.length())) + "…";
    return "AuthRequest[clientId=" + clientId + ", redirectUri=" + redirectUri + ", scopes=" + scopes
        + ", prompt=" + prompt + ", maxAge=" + maxAge + ", scene=" + shown + "]";
  }
}
