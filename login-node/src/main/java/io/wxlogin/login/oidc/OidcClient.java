package io.wxlogin.login.oidc;

import java.util.List;

/**
 * One relying party from {@code OIDC_CLIENTS}. No secret = a public client (a SPA or a native app), which must
 * use PKCE. {@code toString} never shows the secret.
 */
public record OidcClient(String clientId, String secret, List<String> redirectUris, String name,
    List<String> postLogoutRedirectUris, String idTokenAlg) {

  public boolean confidential() {
    return secret != null;
  }

  @Override
  public String toString() {
    return "OidcClient[" + clientId + ", " + name + ", " + (confidential() ? "confidential" : "public") + "]";
  }
}
