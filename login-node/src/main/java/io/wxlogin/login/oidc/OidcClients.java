package io.wxlogin.login.oidc;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code OIDC_CLIENTS}: a JSON array, or {@code @<path>} to a file holding one. Strict: an unknown field
 * (a typo such as {@code redirect_uri}) is an error, because a silently ignored field is a security setting lost.
 * Each problem is one line naming the client and the field.
 */
final class OidcClients {

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private static final Set<String> FIELDS = Set.of("client_id", "client_secret", "redirect_uris", "name",
      "post_logout_redirect_uris", "id_token_signed_response_alg");
  static final int MIN_SECRET = 16;

  /** One bad entry, with the line an operator reads. */
  static final class BadClientException extends Exception {
    BadClientException(String line) {
      super(line);
    }
  }

  private OidcClients() {
  }

  static Map<String, OidcClient> parse(String value) throws BadClientException {
    String json = value.startsWith("@") ? read(value.substring(1)) : value;
    JsonArray array;
    try {
      array = new JsonArray(json);
    } catch (DecodeException | ClassCastException e) {
      throw new BadClientException("OIDC_CLIENTS is not a JSON array of clients (" + firstLine(e.getMessage()) + ")");
    }
    if (array.isEmpty()) {
      throw new BadClientException("OIDC_CLIENTS is an empty array: register at least one client");
    }
    Map<String, OidcClient> clients = new LinkedHashMap<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject o)) {
        throw new BadClientException("OIDC_CLIENTS entry " + (i + 1) + " is not a JSON object");
      }
      OidcClient c = client(o, i + 1);
      if (clients.put(c.clientId(), c) != null) {
        throw bad(c.clientId(), "client_id", "is registered twice");
      }
    }
    return Map.copyOf(clients);
  }

  private static String read(String path) throws BadClientException {
    try {
      return Files.readString(Path.of(path), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new BadClientException("OIDC_CLIENTS names the file " + path + ", which cannot be read (" + e + ")");
    }
  }

  private static OidcClient client(JsonObject o, int index) throws BadClientException {
    Object idValue = o.getValue("client_id");
    String id = idValue instanceof String s && CLIENT_ID.matcher(s).matches() ? s : null;
    if (id == null) {
      throw new BadClientException("OIDC_CLIENTS entry " + index
          + ": field client_id must be 1-100 letters, digits or . _ : -");
    }
    for (String field : o.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw bad(id, field, "is not a known client field (known: " + String.join(", ", new java.util.TreeSet<>(FIELDS))
            + ")");
      }
    }
    String secret = optionalString(o, id, "client_secret");
    if (secret != null && secret.length() < MIN_SECRET) {
      throw bad(id, "client_secret", "must be at least " + MIN_SECRET + " characters (or absent for a public client)");
    }
    String name = optionalString(o, id, "name");
    if (name == null || name.isBlank() || name.length() > 80 || name.chars().anyMatch(Character::isISOControl)) {
      throw bad(id, "name", "must be 1-80 printable characters (it is shown on the login page)");
    }
    List<String> redirects = uris(o, id, "redirect_uris", true);
    List<String> logout = uris(o, id, "post_logout_redirect_uris", false);
    String alg = optionalString(o, id, "id_token_signed_response_alg");
    if (alg != null && !alg.equals("RS256") && !alg.equals("ES256")) {
      throw bad(id, "id_token_signed_response_alg", "must be RS256 or ES256");
    }
    return new OidcClient(id, secret, redirects, name.strip(), logout, alg == null ? "RS256" : alg);
  }

  private static String optionalString(JsonObject o, String id, String field) throws BadClientException {
    Object v = o.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw bad(id, field, "must be a string");
    }
    return (String) v;
  }

  private static List<String> uris(JsonObject o, String id, String field, boolean required) throws BadClientException {
    Object v = o.getValue(field);
    if (v == null && !required) {
      return List.of();
    }
    if (!(v instanceof JsonArray a) || (required && a.isEmpty())) {
      throw bad(id, field, required ? "must be a non-empty array of absolute URIs" : "must be an array of absolute URIs");
    }
    List<String> out = new ArrayList<>();
    for (Object u : a) {
      if (!(u instanceof String s) || !absoluteWithoutFragment(s)) {
        throw bad(id, field, "has '" + u + "': each must be an absolute URI without a #fragment");
      }
      out.add(s);
    }
    return List.copyOf(out);
  }

  /** OAuth 2.0 (RFC 6749 3.1.2): a redirection endpoint is an absolute URI and has no fragment. */
  private static boolean absoluteWithoutFragment(String s) {
    try {
      URI u = new URI(s);
      return u.isAbsolute() && u.getRawFragment() == null && !s.contains("#") && u.getScheme().matches("[a-zA-Z][a-zA-Z0-9+.-]*")
          && (!u.getScheme().startsWith("http") || u.getHost() != null);
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static BadClientException bad(String id, String field, String rule) {
    return new BadClientException("OIDC_CLIENTS client '" + id + "': field " + field + " " + rule);
  }

  private static String firstLine(String s) {
    return s == null ? "unreadable" : s.lines().findFirst().orElse("unreadable");
  }
}
