package io.wxlogin.login.oidc;

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
    m.put("client_id", clientId);
    m.put("redirect_uri", redirectUri);
    m.put("state", state == null ? "" : state);
    m.put("nonce", nonce == null ? "" : nonce);
    m.put("code_challenge", codeChallenge == null ? "" : codeChallenge);
    m.put("scope", String.join(" ", scopes));
    m.put("prompt", String.join(" ", prompt));
    m.put("max_age", String.valueOf(maxAge));
    m.put("login_hint", loginHint == null ? "" : loginHint);
    return m;
  }

  static AuthRequest fromFields(Map<String, String> m) {
    return new AuthRequest(m.get("client_id"), m.get("redirect_uri"), blankToNull(m.get("state")),
        blankToNull(m.get("nonce")), blankToNull(m.get("code_challenge")), words(m.get("scope")),
        words(m.get("prompt")), Integer.parseInt(m.getOrDefault("max_age", "-1")), blankToNull(m.get("login_hint")),
        blankToNull(m.get("scene")));
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
}
