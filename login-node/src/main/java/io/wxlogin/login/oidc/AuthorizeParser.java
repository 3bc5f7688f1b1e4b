package io.wxlogin.login.oidc;

import io.vertx.core.MultiMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates an authorization request as OIDC Core 3.1.2.1-3.1.2.2 and RFC 6749 4.1.1 say. Until client_id and
 * redirect_uri are proven, every problem is an error page (never a redirect: an open redirector is how phishing
 * starts); after that, errors go back to the client with {@code error} and {@code state}.
 */
final class AuthorizeParser {

  private static final Set<String> SUPPORTED_SCOPES = Set.of("openid", "offline_access");
  private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");
  /** RFC 7636 4.2: an S256 challenge is the base64url of a SHA-256, 43 characters. */
  private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final int MAX_VALUE = 2048;

  /** Exactly one of: an error page, an error redirect, or a valid request. */
  record Outcome(String pageTitle, String pageMessage, String error, String description, String redirectUri,
      String state, AuthRequest request) {
  }

  private final OidcConfig config;

  AuthorizeParser(OidcConfig config) {
    this.config = config;
  }

  Outcome parse(MultiMap p) {
    if (p.getAll("client_id").size() > 1 || p.getAll("redirect_uri").size() > 1) {
      return page("The request names more than one client_id or redirect_uri.");
    }
    OidcClient client = config.client(p.get("client_id"));
    if (client == null) {
      return page("This application is not registered with this login service (unknown client_id).");
    }
    String redirect = p.get("redirect_uri");
    if (redirect == null || !client.redirectUris().contains(redirect)) {
      return page("The redirect_uri is not registered for " + client.name() + ", so this login cannot return there.");
    }
    String state = p.get("state");
    String problem = firstProblem(p, client);
    if (problem != null) {
      String[] e = problem.split(":", 2);
      return new Outcome(null, null, e[0], e[1], redirect, state, null);
    }
    int maxAge = p.get("max_age") == null ? -1 : Integer.parseInt(p.get("max_age"));
    Set<String> scopes = new LinkedHashSet<>(List.of(p.get("scope").split(" +")));
    scopes.retainAll(SUPPORTED_SCOPES);
    AuthRequest req = new AuthRequest(client.clientId(), redirect, state, p.get("nonce"), p.get("code_challenge"),
        Set.copyOf(scopes), words(p.get("prompt")), maxAge, p.get("login_hint"), null);
    return new Outcome(null, null, null, null, redirect, state, req);
  }

  /** The first problem as {@code error:description}, or null. */
  private static String firstProblem(MultiMap p, OidcClient client) {
    for (String name : p.names()) {
      if (p.getAll(name).size() > 1) {
        return "invalid_request:The parameter " + name + " is given more than once.";
      }
      if (p.get(name).length() > MAX_VALUE) {
        return "invalid_request:The parameter " + name + " is too long.";
      }
    }
    if (p.contains("request")) {
      return "request_not_supported:Request objects are not supported.";
    }
    if (p.contains("request_uri")) {
      return "request_uri_not_supported:request_uri is not supported.";
    }
    if (!"code".equals(p.get("response_type"))) {
      return "unsupported_response_type:Only response_type=code (the authorization code flow) is supported.";
    }
    if (p.contains("response_mode") && !"query".equals(p.get("response_mode"))) {
      return "invalid_request:Only response_mode=query is supported.";
    }
    if (p.get("scope") == null || !words(p.get("scope")).contains("openid")) {
      return "invalid_scope:The scope must include openid.";
    }
    String pkce = pkceProblem(p, client);
    if (pkce != null) {
      return pkce;
    }
    Set<String> prompt = words(p.get("prompt"));
    if (!PROMPTS.containsAll(prompt) || (prompt.contains("none") && prompt.size() > 1)) {
      return "invalid_request:prompt must be none alone, or any of login, consent, select_account.";
    }
    if (p.contains("max_age") && !p.get("max_age").matches("[0-9]{1,9}")) {
      return "invalid_request:max_age must be a number of seconds.";
    }
    if (p.contains("nonce") && p.get("nonce").length() > 255) {
      return "invalid_request:The nonce is longer than 255 characters.";
    }
    return null;
  }

  private static String pkceProblem(MultiMap p, OidcClient client) {
    String challenge = p.get("code_challenge");
    String method = p.get("code_challenge_method");
    if (challenge == null) {
      if (method != null) {
        return "invalid_request:code_challenge_method without a code_challenge.";
      }
      return client.confidential() ? null
          : "invalid_request:This client must use PKCE: send code_challenge with code_challenge_method=S256.";
    }
    if (!"S256".equals(method)) {
      return "invalid_request:Only code_challenge_method=S256 is supported.";
    }
    return S256_CHALLENGE.matcher(challenge).matches() ? null
        : "invalid_request:code_challenge must be the 43-character base64url SHA-256 of the verifier.";
  }

  private static Set<String> words(String s) {
    return s == null || s.isBlank() ? Set.of() : Set.copyOf(List.of(s.strip().split(" +")));
  }

  private static Outcome page(String message) {
    return new Outcome("This login request cannot be completed", message, null, null, null, null, null);
  }
}
