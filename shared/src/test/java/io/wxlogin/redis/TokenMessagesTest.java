package io.wxlogin.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenMessagesTest {

  private static final String TOKEN =
      "81_kl3BAqT6lz4oT1mB1jjUTGkQ3eOuX3vQ6fPZrW3lE0jK9b7Xh2yQJZgJpXnSx8vF2bOeI4cKpL5qR0sTuVwXyZaBcDeFgHiJkLmNoPqRsT";

  @Test
  void fingerprintIsSixteenLowercaseHexAndStable() {
    String f = TokenMessages.fingerprint(TOKEN);
    assertTrue(f.matches("[0-9a-f]{16}"), f);
    assertEquals(f, TokenMessages.fingerprint(TOKEN));
  }

  @Test
  void fingerprintsTellTokensApartEvenWhenTheyDifferInOneCharacter() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      assertTrue(seen.add(TokenMessages.fingerprint(TOKEN + i)), "collision at " + i);
    }
    assertNotEquals(TokenMessages.fingerprint(TOKEN), TokenMessages.fingerprint(TOKEN.replace('T', 'U')));
  }

  @Test
  void refreshRequestCarriesTheFingerprintNeverTheToken() {
    String payload = TokenMessages.refreshRequest("wx1", TOKEN);
    assertFalse(payload.contains(TOKEN));
    assertFalse(payload.contains(TOKEN.substring(0, 16)));
    assertFalse(TokenMessages.fingerprint(TOKEN).contains(TOKEN.substring(3, 11)));
    assertEquals(new TokenMessages.RefreshRequest("wx1", TokenMessages.fingerprint(TOKEN)),
        TokenMessages.parseRefreshRequest(payload));
  }

  @Test
  void garbagePayloadsParseAsNull() {
    for (String payload : new String[] {null, "", " ", "x", "[]", "[1,2]", "123", "\"s\"", "null", "{}", "{",
        "{\"appid\":\"wx1\"}", "{\"failed\":\"0123456789abcdef\"}", "{\"appid\":1,\"failed\":\"0123456789abcdef\"}",
        "{\"appid\":\"wx1\",\"failed\":{}}", "{\"appid\":\"wx1\",\"failed\":[\"a\"]}", "{\"appid\":\"\",\"failed\":\"0123456789abcdef\"}",
        "{\"appid\":\"wx1\",\"failed\":\"\"}", "{\"appid\":\"wx1\",\"failed\":\"" + TOKEN + "\"}",
        "{\"appid\":\"wx1\",\"failed\":\"0123456789ABCDEF\"}", "{\"appid\":\"wx1\",\"failed\":\"0123456789abcde\"}"}) {
      assertNull(TokenMessages.parseRefreshRequest(payload), String.valueOf(payload));
    }
  }

  @Test
  void updatedPayloadIsTheAppIdAlone() {
    assertEquals("wx1", TokenMessages.updated("wx1"));
  }
}
