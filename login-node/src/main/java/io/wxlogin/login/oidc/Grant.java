package io.wxlogin.login.oidc;

import java.util.Set;

/**
 * What an authorization code or a refresh token stands for: who logged in, when (epoch seconds), for which client,
 * with which scopes, the nonce to echo (codes only) and the SSO session it belongs to.
 */
record Grant(String clientId, String openid, boolean newUser, long authTime, Set<String> scopes, String nonce,
    String sid) {

  boolean offlineAccess() {
    return scopes.contains("offline_access");
  }
}
