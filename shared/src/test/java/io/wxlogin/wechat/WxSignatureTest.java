package io.wxlogin.wechat;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class WxSignatureTest {

  @Test
  void urlVerificationSignatureMatchesOfficialVectorV1() {
    assertEquals(Vectors.V1.SIGNATURE, WxSignature.sign(Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE));
    assertTrue(WxSignature.verify(Vectors.V1.SIGNATURE, Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE));
  }

  @Test
  void signatureDoesNotDependOnArgumentOrder() {
    assertEquals(Vectors.V1.SIGNATURE, WxSignature.sign(Vectors.V1.NONCE, Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP));
    assertEquals(Vectors.V1.SIGNATURE, WxSignature.sign(Vectors.V1.TIMESTAMP, Vectors.V1.NONCE, Vectors.V1.TOKEN));
  }

  @Test
  void plaintextPostSignatureMatchesOfficialVectorV2() {
    assertTrue(WxSignature.verify(Vectors.V2.SIGNATURE, Vectors.V2.TOKEN, Vectors.V2.TIMESTAMP, Vectors.V2.NONCE));
  }

  @Test
  void safeModeRequestCarriesBothSignaturesOfVectorV3() {
    assertEquals(Vectors.V3.SIGNATURE, WxSignature.sign(Vectors.V3.TOKEN, Vectors.V3.TIMESTAMP, Vectors.V3.NONCE));
    assertEquals(Vectors.V3.MSG_SIGNATURE,
        WxSignature.sign(Vectors.V3.TOKEN, Vectors.V3.TIMESTAMP, Vectors.V3.NONCE, Vectors.V3.ENCRYPT));
    assertFalse(WxSignature.verify(Vectors.V3.SIGNATURE,
        Vectors.V3.TOKEN, Vectors.V3.TIMESTAMP, Vectors.V3.NONCE, Vectors.V3.ENCRYPT),
        "signature is not a msg_signature: it must not verify over the Encrypt text");
  }

  @Test
  void encryptedReplyMsgSignatureMatchesOfficialVectorV4() {
    assertTrue(WxSignature.verify(Vectors.V4.MSG_SIGNATURE,
        Vectors.V3.TOKEN, Vectors.V4.TIMESTAMP, Vectors.V4.NONCE, Vectors.V4.ENCRYPT));
  }

  @Test
  void derivedMsgSignatureOfVectorV5() {
    assertEquals(Vectors.V5.DERIVED_MSG_SIGNATURE,
        WxSignature.sign(Vectors.V5.TOKEN, Vectors.V5.TIMESTAMP, Vectors.V5.NONCE, Vectors.V5.ENCRYPT));
  }

  @Test
  void wechatpyMsgSignaturesOfVectorV6() {
    assertAll(
        () -> assertTrue(WxSignature.verify(Vectors.V6.DECRYPT_MSG_SIGNATURE,
            Vectors.V6.TOKEN, Vectors.V6.TIMESTAMP, Vectors.V6.NONCE, Vectors.V6.DECRYPT_ENCRYPT)),
        () -> assertTrue(WxSignature.verify(Vectors.V6.ENCRYPT_MSG_SIGNATURE,
            Vectors.V6.TOKEN, Vectors.V6.TIMESTAMP, Vectors.V6.NONCE, Vectors.V6.ENCRYPT_ENCRYPT)),
        () -> assertTrue(WxSignature.verify(Vectors.V6.ECHO_SIGNATURE,
            Vectors.V6.TOKEN, Vectors.V6.ECHO_TIMESTAMP, Vectors.V6.ECHO_NONCE, Vectors.V6.ECHO_STR)));
  }

  @Test
  void verifyRejectsEverySingleCharacterChangeOfTheClaimedSignature() {
    String good = Vectors.V1.SIGNATURE;
    for (int i = 0; i < good.length(); i++) {
      char c = good.charAt(i);
      String bad = good.substring(0, i) + (c == '0' ? '1' : '0') + good.substring(i + 1);
      assertFalse(WxSignature.verify(bad, Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE), bad);
    }
  }

  @Test
  void verifyRejectsAOneCharacterChangeInAnyPart() {
    assertAll(
        () -> assertFalse(WxSignature.verify(Vectors.V1.SIGNATURE, "AAAAB", Vectors.V1.TIMESTAMP, Vectors.V1.NONCE)),
        () -> assertFalse(WxSignature.verify(Vectors.V1.SIGNATURE, Vectors.V1.TOKEN, "1714036505", Vectors.V1.NONCE)),
        () -> assertFalse(WxSignature.verify(Vectors.V1.SIGNATURE, Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, "1514711493")),
        () -> assertFalse(WxSignature.verify(Vectors.V3.MSG_SIGNATURE, Vectors.V3.TOKEN, Vectors.V3.TIMESTAMP,
            Vectors.V3.NONCE, Vectors.V3.ENCRYPT.replace("+qdx", "+qdy"))));
  }

  @Test
  void verifyRejectsTruncatedOrExtendedSignatures() {
    String good = Vectors.V1.SIGNATURE;
    assertFalse(WxSignature.verify(good.substring(0, 39), Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE));
    assertFalse(WxSignature.verify(good + "0", Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE));
    assertFalse(WxSignature.verify(" " + good, Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE));
  }

  @Test
  void signIsLowercaseHexAndVerifyAcceptsTheSameDigestInUppercase() {
    String sig = WxSignature.sign(Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE);
    assertTrue(sig.matches("[0-9a-f]{40}"), sig);
    assertTrue(WxSignature.verify(Vectors.V1.SIGNATURE.toUpperCase(Locale.ROOT),
        Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE));
  }

  @Test
  void verifyIsFalseNeverAnExceptionForMissingOrEmptyParts() {
    assertAll(
        () -> assertFalse(WxSignature.verify(null, Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE)),
        () -> assertFalse(WxSignature.verify("", Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE)),
        () -> assertFalse(WxSignature.verify(Vectors.V1.SIGNATURE, null, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE)),
        () -> assertFalse(WxSignature.verify(Vectors.V1.SIGNATURE, Vectors.V1.TOKEN, "", Vectors.V1.NONCE)),
        () -> assertFalse(WxSignature.verify(Vectors.V1.SIGNATURE, Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, null)),
        () -> assertFalse(WxSignature.verify(Vectors.V1.SIGNATURE, Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP)),
        () -> assertFalse(WxSignature.verify(Vectors.V1.SIGNATURE, (String[]) null)),
        () -> assertFalse(WxSignature.verify(WxSignature.sign("x"), new String[0]),
            "no parts at all is a missing signature, not the digest of nothing"),
        () -> assertFalse(WxSignature.verify("da39a3ee5e6b4b0d3255bfef95601890afd80709")),
        () -> assertFalse(WxSignature.verify("ｆ464b24fc39322e44b38aa78f5edd27bd1441696",
            Vectors.V1.TOKEN, Vectors.V1.TIMESTAMP, Vectors.V1.NONCE), "full-width letters are not hex"));
  }

  @Test
  void signRefusesMissingParts() {
    assertThrows(IllegalArgumentException.class, () -> WxSignature.sign(Vectors.V1.TOKEN, "", Vectors.V1.NONCE));
    assertThrows(IllegalArgumentException.class, () -> WxSignature.sign(Vectors.V1.TOKEN, null, Vectors.V1.NONCE));
  }

  @Test
  void partsSortByUtf16CodeUnitAndJoinWithNoSeparator() {
    // digits < upper case < lower case, and "10" < "9": a numeric or case-insensitive sort gives another digest.
    String expected = sha1Hex("1514711492" + "1714036504" + "AAAAA");
    assertEquals(expected, WxSignature.sign("AAAAA", "1714036504", "1514711492"));
    assertEquals(sha1Hex("AAAAA" + "aaaaa" + "bbbbb"), WxSignature.sign("bbbbb", "aaaaa", "AAAAA"));
    assertEquals(sha1Hex("10" + "9"), WxSignature.sign("9", "10"));
  }

  private static String sha1Hex(String s) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
