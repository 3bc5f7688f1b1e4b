package io.wxlogin.sandbox.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the QR picture of a url: 430 px square, the size WeChat's showqrcode serves.
 *
 * <p>About one url in ten comes out, with the mask ZXing's encoder prefers, in a shape that ZXing's own
 * detector cannot find in the picture (phones read it; a test decoding it with ZXing would not). Each
 * picture is therefore read back once, and drawn with another mask pattern if the reading fails.
 */
final class QrImage {

  static final int SIZE = 430;
  private static final int MASK_PATTERNS = 8;

  private QrImage() {
  }

  /** PNG bytes; CPU work of a few milliseconds, so callers run it off the event loop. */
  static byte[] png(String content) {
    BufferedImage image = draw(content, null);
    for (int mask = 0; mask < MASK_PATTERNS && !readsBack(image, content); mask++) {
      image = draw(content, mask);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "PNG", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BufferedImage draw(String content, Integer mask) {
    Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
    hints.put(EncodeHintType.MARGIN, 2);
    hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
    if (mask != null) {
      hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
    }
    try {
      BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, SIZE, SIZE, hints);
      return MatrixToImageWriter.toBufferedImage(matrix);
    } catch (WriterException e) {
      throw new IllegalStateException("a QR url always fits in a QR code", e);
    }
  }

  private static boolean readsBack(BufferedImage image, String content) {
    try {
      BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
      return content.equals(new QRCodeReader().decode(bitmap).getText());
    } catch (ReaderException e) {
      return false;
    }
  }
}
