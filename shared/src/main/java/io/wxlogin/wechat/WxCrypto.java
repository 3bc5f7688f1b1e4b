package io.wxlogin.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat safe-mode message crypto (docs/wechat.md §2): AES-256-CBC with the IV taken from the key,
 * PKCS#7 padding to 32-byte blocks, and the plaintext laid out as
 * {@code random(16) ‖ length(4, big-endian) ‖ message ‖ appid}.
 * The current and the previous EncodingAESKey are both accepted on decrypt, so a key rotation in the
 * WeChat console never drops a message; the reply is encrypted with whichever key worked (§2.4).
 */
public final class WxCrypto {

  private static final int BLOCK = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String appId;
  private final byte[] appIdBytes;
  private final byte[] currentKey;
  private final byte[] previousKey;

  /** What a decrypt found, and which key opened it (encrypt the answer with the same one). */
  public record Decrypted(String message, boolean previousKey) {
  }

  public WxCrypto(String appId, String encodingAesKey) {
    this(appId, encodingAesKey, null);
  }

  public WxCrypto(String appId, String encodingAesKey, String previousEncodingAesKey) {
    this.appId = appId;
    this.appIdBytes = appId == null ? null : appId.getBytes(StandardCharsets.UTF_8);
    this.currentKey = aesKey(encodingAesKey);
    this.previousKey = previousEncodingAesKey == null || previousEncodingAesKey.isBlank()
        ? null : aesKey(previousEncodingAesKey);
  }

  /** The 32-byte AES key behind a 43-character EncodingAESKey; rejects anything else. */
  public static byte[] aesKey(String encodingAesKey) {
    if (encodingAesKey == null || encodingAesKey.length() != 43) {
      throw new IllegalArgumentException("an EncodingAESKey is 43 characters");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encodingAesKey + "=");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("an EncodingAESKey is base64 text", e);
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("an EncodingAESKey decodes to 32 bytes");
    }
    return key;
  }

  public String encrypt(String message) {
    return encrypt(message, false);
  }

  /** Encrypt with the previous key (a reply to a message that only the previous key opened). */
  public String encrypt(String message, boolean withPreviousKey) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return encrypt(message, random, withPreviousKey && previousKey != null ? previousKey : currentKey);
  }

  /** Encrypt with the given 16 random bytes: deterministic, for reproducing published vectors. */
  public String encrypt(String message, byte[] random16) {
    return encrypt(message, random16, currentKey);
  }

  private String encrypt(String message, byte[] random16, byte[] key) {
    if (random16.length != 16) {
      throw new IllegalArgumentException("the random prefix is 16 bytes");
    }
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    byte[] id = appId.getBytes(StandardCharsets.UTF_8);
    int len = 16 + 4 + msg.length + id.length;
    int pad = BLOCK - (len % BLOCK);
    ByteBuffer full = ByteBuffer.allocate(len + pad);
    full.put(random16).putInt(msg.length).put(msg).put(id);
    for (int i = 0; i < pad; i++) {
      full.put((byte) pad);
    }
    try {
      return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, key).doFinal(full.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC/NoPadding is part of every JDK", e);
    }
  }

  public Decrypted decrypt(String encrypted) throws WxCryptoException {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(encrypted == null ? "" : encrypted.strip());
    } catch (IllegalArgumentException e) {
      throw new WxCryptoException("Encrypt is not base64");
    }
    if (cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw new WxCryptoException("Encrypt is not a whole number of AES blocks");
    }
    try {
      return new Decrypted(open(cipherText, currentKey), false);
    } catch (WxCryptoException current) {
      if (previousKey == null) {
        throw current;
      }
      return new Decrypted(open(cipherText, previousKey), true);
    }
  }

  private String open(byte[] cipherText, byte[] key) throws WxCryptoException {
    byte[] full;
    try {
      full = cipher(Cipher.DECRYPT_MODE, key).doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new WxCryptoException("AES decryption failed", e);
    }
    int pad = full[full.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK || pad > full.length) {
      throw new WxCryptoException("bad padding: wrong EncodingAESKey?");
    }
    int end = full.length - pad;
    // Every pad byte, not just the last: the encoder always writes them all, and a tampered block shows here.
    for (int i = end; i < full.length - 1; i++) {
      if (full[i] != full[full.length - 1]) {
        throw new WxCryptoException("bad padding: wrong EncodingAESKey or tampered Encrypt?");
      }
    }
    if (end < 20) {
      throw new WxCryptoException("decrypted text is too short");
    }
    // The length comes from attacker-steerable bytes (CBC lets block 0 flip them): compare without overflow.
    int msgLen = ByteBuffer.wrap(full, 16, 4).getInt();
    if (msgLen < 0 || msgLen > end - 20) {
      throw new WxCryptoException("bad message length: wrong EncodingAESKey?");
    }
    if (appIdBytes == null || !Arrays.equals(full, 20 + msgLen, end, appIdBytes, 0, appIdBytes.length)) {
      throw new WxCryptoException("message is for another appid");
    }
    try {
      // Strict UTF-8: a garbled block is almost never valid UTF-8, so it fails here instead of arriving as U+FFFD.
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(full, 20, msgLen))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WxCryptoException("decrypted message is not UTF-8: tampered Encrypt?", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return c;
  }
}
