package io.wxlogin.bench.worker;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * One string field out of a node's JSON answer, found by scanning the bytes. The bench reads two or three
 * fields of small answers the nodes write compactly; a full JSON tree per answer was a noticeable part of the
 * load generator's own CPU, which shares the cores with what it measures.
 */
final class JsonField {

  private final byte[] needle;

  JsonField(String name) {
    this.needle = ("\"" + name + "\"").getBytes(StandardCharsets.US_ASCII);
  }

  /** The field's string value (simple escapes undone), or null when it is absent or not a string. */
  String in(Buffer json) {
    int n = json.length();
    int at = indexOf(json, n);
    if (at < 0) {
      return null;
    }
    int i = at + needle.length;
    while (i < n && (json.getByte(i) == ' ' || json.getByte(i) == ':')) {
      i++;
    }
    if (i >= n || json.getByte(i) != '"') {
      return null;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(64);
    for (i++; i < n; i++) {
      byte b = json.getByte(i);
      if (b == '"') {
        return out.toString(StandardCharsets.UTF_8);
      }
      if (b != '\\' || i + 1 >= n) {
        out.write(b);
        continue;
      }
      byte e = json.getByte(++i);
      char c = switch (e) {
        case 'n' -> '\n';
        case 't' -> '\t';
        case 'r' -> '\r';
        case 'u' -> unicode(json, i, n);
        default -> (char) e;
      };
      if (e == 'u') {
        i += 4;
      }
      out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
    }
    return null;
  }

  private int indexOf(Buffer json, int n) {
    outer:
    for (int i = 0; i + needle.length <= n; i++) {
      for (int k = 0; k < needle.length; k++) {
        if (json.getByte(i + k) != needle[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static char unicode(Buffer json, int backslashU, int n) {
    if (backslashU + 4 >= n) {
      return '\uFFFD';
    }
    return (char) Integer.parseInt(json.getString(backslashU + 1, backslashU + 5, "US-ASCII"), 16);
  }
}
