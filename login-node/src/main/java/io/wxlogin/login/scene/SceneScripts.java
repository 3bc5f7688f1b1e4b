package io.wxlogin.login.scene;

import io.wxlogin.redis.LuaScript;
import io.wxlogin.redis.RedisFields;

/**
 * The login flow's Lua, written once: the pieces in {@code lib/} (claim, record-login, confirm, poll and the
 * session's store) are each one function, and every script is composed of them at load time. On standalone
 * and sentinel Redis a scan runs {@code scan.lua} (all of a scan's pieces in one step) and a consuming poll runs
 * {@code poll.lua} (poll and session store); in cluster mode, where the scene, the user and the session live in
 * different hash slots, the same pieces run one per script ({@code *-step.lua}). Field and status names come
 * from {@link RedisFields}, {@link SceneStatus} and {@link ScanResult.Claim} as Lua tables. The scripts of
 * {@code LOGIN_CONFIRM=reply} and of answering by text ({@code scan-reply}, {@code answer-take},
 * {@code refuse-step}, {@code remember-step}) touch one key each and run the same way in every mode.
 */
final class SceneScripts {

  /** The names every script may use: SCENE, USER and SESSION fields, STATUS and CLAIM values. */
  static final LuaScript.Names[] TABLES = {
      LuaScript.fieldTable("SCENE", RedisFields.Scene.values()),
      LuaScript.fieldTable("USER", RedisFields.User.values()),
      LuaScript.fieldTable("SESSION", RedisFields.Session.values()),
      LuaScript.fieldTable("LAST_SCAN", RedisFields.LastScan.values()),
      LuaScript.nameTable("STATUS", SceneStatus.values()),
      LuaScript.nameTable("CLAIM", ScanResult.Claim.values()),
  };

  static final LuaScript CREATE = load("create.lua");
  static final LuaScript SCAN = load("scan.lua");
  static final LuaScript CLAIM_STEP = load("claim-step.lua");
  static final LuaScript LOGIN_STEP = load("login-step.lua");
  static final LuaScript CONFIRM_STEP = load("confirm-step.lua");
  static final LuaScript POLL = load("poll.lua");
  static final LuaScript POLL_STEP = load("poll-step.lua");
  static final LuaScript SESSION_STEP = load("session-step.lua");
  static final LuaScript REMEMBER_STEP = load("remember-step.lua");
  static final LuaScript SCAN_REPLY = load("scan-reply.lua");
  static final LuaScript ANSWER_TAKE = load("answer-take.lua");
  static final LuaScript REFUSE_STEP = load("refuse-step.lua");

  private SceneScripts() {
  }

  private static LuaScript load(String name) {
    return LuaScript.load(SceneScripts.class, name, TABLES);
  }
}
