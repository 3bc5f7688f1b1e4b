package io.wxlogin.e2e;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads a QR code out of a screenshot, as a phone's camera reads the screen. */
final class QrReader {

  private QrReader() {
  }

  /** The text the code in this PNG encodes, or null when no code can be read from it. */
  static String decode(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
      Result result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
      return result.getText();
    } catch (NotFoundException | com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("not an image: " + e.getMessage(), e);
    }
  }
}
