package io.wxlogin.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EnvTest {

  enum Colour { RED, GREEN }

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  @Test
  void unsetOrBlankVariablesGiveTheirDefaults() {
    Env env = new Env(Map.of("BLANK", "   "));
    assertEquals("d", env.string("UNSET", "d"));
    assertEquals("d", env.string("BLANK", "d"));
    assertEquals(7, env.integer("UNSET", 7, 1, 10));
    assertEquals(Colour.GREEN, env.choice("BLANK", Colour.GREEN, Colour.class));
    assertEquals("12", env.matching("UNSET", "12", DIGITS, "digits"));
    assertNull(env.matching("UNSET", null, DIGITS, "digits"));
    assertDoesNotThrow(env::check);
  }

  @Test
  void valuesAreReadTrimmedAndChoicesIgnoreCase() {
    Env env = new Env(Map.of("S", "  value \n", "N", " 42 ", "C", "Red", "M", "007"));
    assertEquals("value", env.string("S", null));
    assertEquals(42, env.integer("N", 0, 0, 100));
    assertEquals(Colour.RED, env.choice("C", Colour.GREEN, Colour.class));
    assertEquals("007", env.requiredMatching("M", "hint", DIGITS, "digits"));
    assertDoesNotThrow(env::check);
  }

  @Test
  void missingRequiredVariableNamesItselfAndSaysWhereTheValueComesFrom() {
    Env env = new Env(Map.of("WECHAT_APP_SECRET", " "));
    assertNull(env.required("WECHAT_APP_SECRET", "the AppSecret from the WeChat console"));
    ConfigException e = assertThrows(ConfigException.class, env::check);
    assertEquals(List.of("WECHAT_APP_SECRET is not set: the AppSecret from the WeChat console"), e.problems());
  }

  @Test
  void everyProblemIsCollectedOneLinePerVariable() {
    Env env = new Env(Map.of("PORT", "http", "POOL", "0", "MODE", "purple", "CODE", "12a"));
    env.required("TOKEN", "set it");
    env.integer("PORT", 8080, 1, 65535);
    env.integer("POOL", 8, 1, 64);
    env.choice("MODE", Colour.RED, Colour.class);
    env.requiredMatching("CODE", "set it", DIGITS, "only digits");
    env.matching("CODE", null, DIGITS, "only digits");
    env.problem("A and B disagree: set only one");
    ConfigException e = assertThrows(ConfigException.class, env::check);
    List<String> p = e.problems();
    assertEquals(7, p.size(), String.join("\n", p));
    assertAll(
        () -> assertEquals("TOKEN is not set: set it", p.get(0)),
        () -> assertEquals("PORT is 'http': must be a whole number between 1 and 65535", p.get(1)),
        () -> assertEquals("POOL is 0: must be between 1 and 64", p.get(2)),
        () -> assertEquals("MODE is 'purple': must be one of red, green", p.get(3)),
        () -> assertEquals("CODE is invalid: only digits", p.get(4)),
        () -> assertEquals("A and B disagree: set only one", p.get(6)));
    assertEquals(String.join("\n", p), e.getMessage());
  }

  @Test
  void badNumbersFallBackToTheDefaultButStillFailTheCheck() {
    Env env = new Env(Map.of("N", "9999999999"));
    assertEquals(5, env.integer("N", 5, 1, 10));
    ConfigException e = assertThrows(ConfigException.class, env::check);
    assertTrue(e.problems().get(0).startsWith("N is '9999999999'"), e.getMessage());
  }

  @Test
  void anEchoedValueNeverBreaksTheOneLineRule() {
    Env env = new Env(Map.of("MODE", "red\ngreen", "N", "1\r\n2", "LONG", "x".repeat(5000)));
    env.choice("MODE", Colour.RED, Colour.class);
    env.integer("N", 1, 1, 2);
    env.choice("LONG", Colour.RED, Colour.class);
    env.problem("X and Y disagree:\nset one");
    ConfigException e = assertThrows(ConfigException.class, env::check);
    assertEquals(4, e.problems().size());
    for (String line : e.problems()) {
      assertFalse(line.contains("\n") || line.contains("\r"), line);
      assertTrue(line.length() < 300, "an operator line stays readable: " + line.length() + " chars");
    }
    assertEquals(4, e.getMessage().split("\n").length);
    assertTrue(e.problems().get(0).startsWith("MODE is 'red?green'"), e.problems().get(0));
  }

  @Test
  void problemsAreACopyThatCallersCannotChange() {
    Env env = new Env(Map.of());
    env.required("A", "hint");
    ConfigException e = assertThrows(ConfigException.class, env::check);
    assertThrows(UnsupportedOperationException.class, () -> e.problems().add("x"));
  }
}
