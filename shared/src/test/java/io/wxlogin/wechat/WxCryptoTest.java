package io.wxlogin.wechat;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WxCryptoTest {

  private static final WxCrypto V3_CRYPTO = new WxCrypto(Vectors.V3.APP_ID, Vectors.V3.AES_KEY);
  private static final WxCrypto V5_CRYPTO = new WxCrypto(Vectors.V5.APP_ID, Vectors.V5.AES_KEY);
  private static final WxCrypto V6_CRYPTO = new WxCrypto(Vectors.V6.APP_ID, Vectors.V6.AES_KEY);

  private static final String OLD_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final String NEW_KEY = "kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR";

  @Test
  void decryptsOfficialSafeModeRequestV3() throws Exception {
    WxCrypto.Decrypted d = V3_CRYPTO.decrypt(Vectors.V3.ENCRYPT);
    assertEquals(Vectors.V3.MESSAGE, d.message());
    assertFalse(d.previousKey());
  }

  @Test
  void v3RandomPrefixIsTheSixteenBytesThatWereSkipped() throws Exception {
    // Re-encrypting with the prefix the doc reports gives the published Encrypt back: the decrypt skipped
    // exactly those 16 bytes and read length, message and appid from the right offsets.
    assertEquals(Vectors.V3.ENCRYPT, V3_CRYPTO.encrypt(Vectors.V3.MESSAGE, Vectors.V3.RANDOM.getBytes(US_ASCII)));
    byte[] full = rawDecrypt(new byte[32], Base64.getDecoder().decode(Vectors.V3.ENCRYPT));
    assertEquals(224, full.length);
    assertEquals(Vectors.V3.RANDOM, new String(full, 0, 16, US_ASCII));
    assertEquals(167, ByteBuffer.wrap(full, 16, 4).getInt());
  }

  @Test
  void reproducesOfficialEncryptedReplyV4ByteForByte() throws Exception {
    String encrypt = V3_CRYPTO.encrypt(Vectors.V4.MESSAGE, Vectors.V4.RANDOM.getBytes(US_ASCII));
    assertEquals(Vectors.V4.ENCRYPT, encrypt);
    assertEquals(64, Base64.getDecoder().decode(encrypt).length);
    assertEquals(Vectors.V4.MESSAGE, V3_CRYPTO.decrypt(Vectors.V4.ENCRYPT).message());
  }

  @Test
  void v5ChineseTextBothDirections() throws Exception {
    assertEquals(Vectors.V5.ENCRYPT, V5_CRYPTO.encrypt(Vectors.V5.MESSAGE, Vectors.V5.RANDOM.getBytes(US_ASCII)));
    assertEquals(Vectors.V5.MESSAGE, V5_CRYPTO.decrypt(Vectors.V5.ENCRYPT).message());
  }

  @Test
  void v5LongerVideoReplyBothDirections() throws Exception {
    assertEquals(Vectors.V5.ENCRYPT_2, V5_CRYPTO.encrypt(Vectors.V5.MESSAGE_2, Vectors.V5.RANDOM.getBytes(US_ASCII)));
    assertEquals(Vectors.V5.MESSAGE_2, V5_CRYPTO.decrypt(Vectors.V5.ENCRYPT_2).message());
  }

  @Test
  void v5KeyDecodesToThePublishedAesKey() {
    assertEquals(Vectors.V5.AES_KEY_HEX, HexFormat.of().formatHex(WxCrypto.aesKey(Vectors.V5.AES_KEY)));
    assertArrayEquals(new byte[32], WxCrypto.aesKey(Vectors.V3.AES_KEY));
  }

  @Test
  void decryptsWechatpyMessageV6() throws Exception {
    WxMessage m = WxXml.parse(V6_CRYPTO.decrypt(Vectors.V6.DECRYPT_ENCRYPT).message());
    assertEquals("text", m.msgType());
    assertEquals("test", m.content());
    assertEquals("messense", m.fromUserName());
    assertEquals(4363689963896700987L, m.msgId());
  }

  @Test
  void reproducesWechatpyEncryptedReplyV6() throws Exception {
    String encrypt = V6_CRYPTO.encrypt(Vectors.V6.ENCRYPT_MESSAGE, Vectors.V6.ENCRYPT_RANDOM.getBytes(US_ASCII));
    assertEquals(Vectors.V6.ENCRYPT_ENCRYPT, encrypt);
    assertEquals(Vectors.V6.ENCRYPT_MESSAGE, V6_CRYPTO.decrypt(encrypt).message());
  }

  @Test
  void randomPrefixMakesEachEncryptionDifferentAndEachDecryptsBack() throws Exception {
    String msg = "<xml><Content><![CDATA[扫码登录 ✓ 😀]]></Content></xml>";
    String a = V5_CRYPTO.encrypt(msg);
    String b = V5_CRYPTO.encrypt(msg);
    assertNotEquals(a, b);
    assertEquals(msg, V5_CRYPTO.decrypt(a).message());
    assertEquals(msg, V5_CRYPTO.decrypt(b).message());
    assertEquals("", V5_CRYPTO.decrypt(V5_CRYPTO.encrypt("")).message());
  }

  @Test
  void messageForAnotherAppIdIsRejected() {
    WxCrypto other = new WxCrypto("wxba5fad812f8e6fb8", Vectors.V3.AES_KEY);
    assertThrows(WxCryptoException.class, () -> other.decrypt(Vectors.V3.ENCRYPT));
    WxCrypto prefix = new WxCrypto("wxba5fad812f8e6fb", Vectors.V3.AES_KEY);
    assertThrows(WxCryptoException.class, () -> prefix.decrypt(Vectors.V3.ENCRYPT));
    WxCrypto longer = new WxCrypto(Vectors.V3.APP_ID + "9", Vectors.V3.AES_KEY);
    assertThrows(WxCryptoException.class, () -> longer.decrypt(Vectors.V3.ENCRYPT));
  }

  @Test
  void wrongKeyIsRejectedWithWxCryptoExceptionOnly() {
    assertThrows(WxCryptoException.class, () -> new WxCrypto(Vectors.V3.APP_ID, OLD_KEY).decrypt(Vectors.V3.ENCRYPT));
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      String encodingAesKey = Base64.getEncoder().withoutPadding().encodeToString(key);
      WxCrypto wrong = new WxCrypto(Vectors.V3.APP_ID, encodingAesKey);
      assertDecryptFails(wrong, Vectors.V3.ENCRYPT, "key " + encodingAesKey);
    }
  }

  @Test
  void everySingleByteTamperingOfV3IsRejected() {
    byte[] original = Base64.getDecoder().decode(Vectors.V3.ENCRYPT);
    for (int i = 0; i < original.length; i++) {
      for (int mask : new int[] {0x80, 0x01, 0xff}) {
        if (i >= 4 && i < 16 && mask != 0x80) {
          // CBC is malleable: flipping a low bit in block 0 flips the same bit of an ASCII message byte in
          // block 1 and nothing else checkable. msg_signature catches it; see the next test.
          continue;
        }
        byte[] tampered = original.clone();
        tampered[i] ^= (byte) mask;
        assertDecryptFails(V3_CRYPTO, Base64.getEncoder().encodeToString(tampered),
            "byte " + i + " xor 0x" + Integer.toHexString(mask));
      }
    }
  }

  @Test
  void tamperingThatCbcCannotNoticeIsCaughtByMsgSignature() throws Exception {
    byte[] tampered = Base64.getDecoder().decode(Vectors.V3.ENCRYPT);
    tampered[10] ^= 0x01;
    String encrypt = Base64.getEncoder().encodeToString(tampered);
    assertNotEquals(Vectors.V3.MESSAGE, V3_CRYPTO.decrypt(encrypt).message(),
        "if this ever decrypts to the original, the malleability note above is wrong");
    assertFalse(WxSignature.verify(Vectors.V3.MSG_SIGNATURE,
        Vectors.V3.TOKEN, Vectors.V3.TIMESTAMP, Vectors.V3.NONCE, encrypt));
  }

  @Test
  void lengthFieldTamperedToOverflowIsRejectedNotACrash() {
    byte[] original = Base64.getDecoder().decode(Vectors.V3.ENCRYPT);
    // Bytes 0..3 of block 0 XOR straight into the length field of block 1 (CBC): steer it wherever we like.
    for (int target : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 10, Integer.MAX_VALUE - 19,
        Integer.MAX_VALUE - 20, -1, Integer.MIN_VALUE, 205, 186, 0}) {
      byte[] tampered = original.clone();
      int delta = 167 ^ target;
      for (int b = 0; b < 4; b++) {
        tampered[b] ^= (byte) (delta >>> (24 - 8 * b));
      }
      assertDecryptFails(V3_CRYPTO, Base64.getEncoder().encodeToString(tampered), "length " + target);
    }
  }

  @Test
  void truncatedExtendedOrMalformedEncryptIsRejected() {
    byte[] original = Base64.getDecoder().decode(Vectors.V3.ENCRYPT);
    List<String> bad = new ArrayList<>(List.of(
        "", " ", "not base64!", "AAAA", Vectors.V3.ENCRYPT.substring(1), Vectors.V3.ENCRYPT + "A",
        Vectors.V3.ENCRYPT.replace('+', '-')));
    bad.add(Base64.getEncoder().encodeToString(Arrays.copyOf(original, original.length - 16)));
    bad.add(Base64.getEncoder().encodeToString(Arrays.copyOf(original, original.length - 32)));
    bad.add(Base64.getEncoder().encodeToString(Arrays.copyOf(original, original.length + 16)));
    bad.add(Base64.getEncoder().encodeToString(Arrays.copyOfRange(original, 16, original.length)));
    bad.add(Base64.getEncoder().encodeToString(Arrays.copyOf(original, 16)));
    bad.add(Base64.getEncoder().encodeToString(Arrays.copyOf(original, 15)));
    for (String encrypt : bad) {
      assertDecryptFails(V3_CRYPTO, encrypt, "'" + encrypt + "'");
    }
    assertDecryptFails(V3_CRYPTO, null, "null");
  }

  @Test
  void paddingMustBeWhatTheEncoderWrites() throws Exception {
    byte[] key = WxCrypto.aesKey(Vectors.V3.AES_KEY);
    byte[] good = layout("hello", Vectors.V3.APP_ID, 32 - (16 + 4 + 5 + 18) % 32);
    assertEquals("hello", V3_CRYPTO.decrypt(rawEncryptBase64(key, good)).message(), "the helper lays out correctly");

    byte[] zeroPad = good.clone();
    zeroPad[zeroPad.length - 1] = 0;
    byte[] padTooBig = good.clone();
    padTooBig[padTooBig.length - 1] = 33;
    byte[] unevenPad = good.clone();
    unevenPad[unevenPad.length - 2] = 9;
    assertAll(
        () -> assertDecryptFails(V3_CRYPTO, rawEncryptBase64(key, zeroPad), "pad byte 0"),
        () -> assertDecryptFails(V3_CRYPTO, rawEncryptBase64(key, padTooBig), "pad byte 33"),
        () -> assertDecryptFails(V3_CRYPTO, rawEncryptBase64(key, unevenPad), "pad bytes that differ"));
  }

  @Test
  void messageThatIsNotUtf8IsRejected() throws Exception {
    byte[] key = WxCrypto.aesKey(Vectors.V3.AES_KEY);
    byte[] msg = {'o', 'k', (byte) 0xff, (byte) 0xfe};
    ByteBuffer full = ByteBuffer.allocate(64);
    full.put(new byte[16]).putInt(msg.length).put(msg).put(Vectors.V3.APP_ID.getBytes(US_ASCII));
    int pad = 64 - full.position();
    while (full.hasRemaining()) {
      full.put((byte) pad);
    }
    assertDecryptFails(V3_CRYPTO, rawEncryptBase64(key, full.array()), "invalid UTF-8");
  }

  @Test
  void paddingIsPkcs7ToThirtyTwoByteBlocksWithAFullBlockWhenAligned() throws Exception {
    byte[] key = WxCrypto.aesKey(Vectors.V3.AES_KEY);
    boolean sawAligned = false;
    for (int n = 0; n <= 70; n++) {
      String msg = "x".repeat(n);
      byte[] cipher = Base64.getDecoder().decode(V3_CRYPTO.encrypt(msg));
      int len = 16 + 4 + n + Vectors.V3.APP_ID.length();
      int pad = 32 - len % 32;
      assertEquals(len + pad, cipher.length, "message length " + n);
      byte[] full = rawDecrypt(key, cipher);
      for (int i = len; i < full.length; i++) {
        assertEquals(pad, full[i], "pad byte " + i + " for message length " + n);
      }
      if (len % 32 == 0) {
        sawAligned = true;
        assertEquals(32, pad);
      }
      assertEquals(msg, V3_CRYPTO.decrypt(Base64.getEncoder().encodeToString(cipher)).message());
    }
    assertTrue(sawAligned);
  }

  @Test
  void previousKeyOpensWhatTheCurrentCannotAndSaysSo() throws Exception {
    WxCrypto beforeRotation = new WxCrypto(Vectors.V3.APP_ID, OLD_KEY);
    WxCrypto rotated = new WxCrypto(Vectors.V3.APP_ID, NEW_KEY, OLD_KEY);
    WxCrypto afterRotation = new WxCrypto(Vectors.V3.APP_ID, NEW_KEY);

    WxCrypto.Decrypted fromOld = rotated.decrypt(beforeRotation.encrypt("sent before the rotation"));
    assertEquals("sent before the rotation", fromOld.message());
    assertTrue(fromOld.previousKey());

    WxCrypto.Decrypted fromNew = rotated.decrypt(afterRotation.encrypt("sent after"));
    assertEquals("sent after", fromNew.message());
    assertFalse(fromNew.previousKey());
  }

  @Test
  void replyWithPreviousKeyIsReadableOnlyUnderThePreviousKey() throws Exception {
    WxCrypto rotated = new WxCrypto(Vectors.V3.APP_ID, NEW_KEY, OLD_KEY);
    String withPrevious = rotated.encrypt("reply", true);
    assertEquals("reply", new WxCrypto(Vectors.V3.APP_ID, OLD_KEY).decrypt(withPrevious).message());
    assertDecryptFails(new WxCrypto(Vectors.V3.APP_ID, NEW_KEY), withPrevious, "new key on an old-key reply");

    String withCurrent = rotated.encrypt("reply", false);
    assertEquals("reply", new WxCrypto(Vectors.V3.APP_ID, NEW_KEY).decrypt(withCurrent).message());
    assertDecryptFails(new WxCrypto(Vectors.V3.APP_ID, OLD_KEY), withCurrent, "old key on a new-key reply");
  }

  @Test
  void withoutAPreviousKeyAReplyForThePreviousKeyUsesTheCurrentOne() throws Exception {
    WxCrypto noPrevious = new WxCrypto(Vectors.V3.APP_ID, NEW_KEY, " ");
    assertEquals("reply", new WxCrypto(Vectors.V3.APP_ID, NEW_KEY).decrypt(noPrevious.encrypt("reply", true)).message());
    assertDecryptFails(noPrevious, new WxCrypto(Vectors.V3.APP_ID, OLD_KEY).encrypt("x"), "no fallback configured");
  }

  @Test
  void encodingAesKeyMustBeFortyThreeBase64Characters() {
    for (String bad : new String[] {null, "", "A".repeat(42), "A".repeat(44), "A".repeat(42) + "=",
        "A".repeat(42) + "-", "A".repeat(42) + "_", "A".repeat(42) + " ", "A".repeat(42) + "!",
        "A".repeat(21) + "\n" + "A".repeat(21), "我".repeat(43)}) {
      assertThrows(IllegalArgumentException.class, () -> WxCrypto.aesKey(bad), String.valueOf(bad));
      assertThrows(IllegalArgumentException.class, () -> new WxCrypto(Vectors.V3.APP_ID, bad), String.valueOf(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> new WxCrypto(Vectors.V3.APP_ID, NEW_KEY, "short"));
    assertEquals(32, WxCrypto.aesKey("A".repeat(42) + "/").length);
  }

  @Test
  void fixedRandomPrefixMustBeSixteenBytes() {
    assertThrows(IllegalArgumentException.class, () -> V3_CRYPTO.encrypt("x", new byte[15]));
    assertThrows(IllegalArgumentException.class, () -> V3_CRYPTO.encrypt("x", new byte[17]));
  }

  private static void assertDecryptFails(WxCrypto crypto, String encrypt, String what) {
    try {
      WxCrypto.Decrypted d = crypto.decrypt(encrypt);
      fail(what + ": decrypted to '" + d.message() + "' instead of failing");
    } catch (WxCryptoException expected) {
      // the only acceptable outcome
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": threw " + e + " instead of WxCryptoException", e);
    }
  }

  /** random(16 zero bytes) ‖ length ‖ message ‖ appid ‖ {@code pad} bytes of value {@code pad}. */
  private static byte[] layout(String message, String appId, int pad) {
    byte[] msg = message.getBytes(UTF_8);
    byte[] id = appId.getBytes(US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(16 + 4 + msg.length + id.length + pad);
    b.put(new byte[16]).putInt(msg.length).put(msg).put(id);
    for (int i = 0; i < pad; i++) {
      b.put((byte) pad);
    }
    return b.array();
  }

  private static String rawEncryptBase64(byte[] key, byte[] plain) throws Exception {
    return Base64.getEncoder().encodeToString(raw(Cipher.ENCRYPT_MODE, key, plain));
  }

  private static byte[] rawDecrypt(byte[] key, byte[] cipher) throws Exception {
    return raw(Cipher.DECRYPT_MODE, key, cipher);
  }

  private static byte[] raw(int mode, byte[] key, byte[] in) throws Exception {
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return c.doFinal(in);
  }
}
