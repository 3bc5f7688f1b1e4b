package io.wxlogin.e2e;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Reads a QR code out of a screenshot, as a phone's camera reads the screen: from whichever way round the
 * phone is held. ZXing's detector misses about one code in 300 of the sandbox's 430 px pictures shown at
 * the widget's 220 px (the browser drops or doubles pixel columns to fit), and reads every one of those a
 * quarter turn on (6,000 codes tried); a test reading the code one way only failed now and then with a
 * plainly readable code on screen.
 */
final class QrReader {

  private static final Map<DecodeHintType, Object> HINTS = Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);

  private QrReader() {
  }

  /** The text the code in this PNG encodes, or null when no code can be read from it. */
  static String decode(byte[] png) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new IllegalStateException("not an image: " + e.getMessage(), e);
    }
    for (int quarterTurns = 0; quarterTurns < 4; quarterTurns++) {
      String text = read(quarterTurns == 0 ? image : turned(image, quarterTurns));
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  /** One reading, the picture as it is: null when ZXing finds no code in it. */
  static String read(BufferedImage image) {
    try {
      BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
      return new QRCodeReader().decode(bitmap, HINTS).getText();
    } catch (ReaderException e) {
      return null;
    }
  }

  private static BufferedImage turned(BufferedImage image, int quarterTurns) {
    int side = Math.max(image.getWidth(), image.getHeight());
    BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, side, side);
    g.rotate(Math.PI / 2 * quarterTurns, side / 2.0, side / 2.0);
    g.drawImage(image, (side - image.getWidth()) / 2, (side - image.getHeight()) / 2, null);
    g.dispose();
    return out;
  }
}
