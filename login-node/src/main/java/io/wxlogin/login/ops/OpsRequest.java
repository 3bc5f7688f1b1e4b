package io.wxlogin.login.ops;

import java.util.ArrayList;
import java.util.List;

/** {@code ops <command> [operand] [--json] [--limit N]}, parsed; {@code null} from {@link #parse} = usage error. */
record OpsRequest(String command, String operand, boolean json, int limit) {

  static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 100_000;

  static final String USAGE = """
      usage: java -jar login-node.jar ops <command> [--json]
        scenes [--limit N]   live QR codes: shortened scene, age, state, node holding the poll
        scene <id|prefix>    one scene's fields (a prefix of 6+ characters from 'scenes' is enough)
        tokens               per appid: token age, time to expiry, lease holder (never the token)
        user <openid>        a user's logins and live sessions
        revoke <openid>      end every session of that user, on every node at once
        quota                today's qrcode/create count against QR_DAILY_QUOTA
      Redis is read from REDIS_URL, REDIS_MODE and REDIS_KEY_PREFIX, as the node reads them.
      Exit status: 0 done, 1 not found, 2 usage error or Redis unreachable.
      """;

  static OpsRequest parse(List<String> args) {
    boolean json = false;
    int limit = DEFAULT_LIMIT;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--json")) {
        json = true;
      } else if (a.equals("--limit") && i + 1 < args.size() && args.get(i + 1).matches("[0-9]{1,6}")) {
        limit = Math.min(MAX_LIMIT, Integer.parseInt(args.get(++i)));
      } else if (a.startsWith("-")) {
        return null;
      } else {
        words.add(a);
      }
    }
    if (words.isEmpty()) {
      return null;
    }
    String command = words.get(0);
    int operands = switch (command) {
      case "scenes", "tokens", "quota" -> 0;
      case "scene", "user", "revoke" -> 1;
      default -> -1;
    };
    if (operands < 0 || words.size() != 1 + operands) {
      return null;
    }
    return new OpsRequest(command, operands == 1 ? words.get(1) : null, json, limit);
  }
}
