package io.wxlogin.redis;

import java.util.Locale;

/**
 * A field of a Redis hash. The field names are the enum constants' names in lower case, so the enums in
 * {@link RedisFields} are the one list of them; Lua scripts get the same names as tables ({@link LuaScript}).
 */
public interface HashField {

  String name();

  /** The field's name in Redis, e.g. {@code created_at}. */
  default String field() {
    return name().toLowerCase(Locale.ROOT);
  }
}
