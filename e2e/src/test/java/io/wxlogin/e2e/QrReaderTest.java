package io.wxlogin.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class QrReaderTest {

  /** One of the sandbox's urls whose code, drawn as the sandbox draws it and shown at 220 px, ZXing misses. */
  private static final String URL = "http://weixin.qq.com/q/0hPPwMBDlWahgb9dxDrF";

  @Test
  void readsACodeThatZxingMissesHeldSquareToTheScreen() throws Exception {
    BufferedImage onScreen = shownAt220px(URL);
    assertNull(QrReader.read(onScreen), "ZXing reads it square to the screen: this url no longer shows the case");

    assertEquals(URL, QrReader.decode(png(onScreen)));
  }

  @Test
  void answersNullForAPictureWithoutACode() throws Exception {
    BufferedImage blank = new BufferedImage(220, 220, BufferedImage.TYPE_INT_RGB);

    assertNull(QrReader.decode(png(blank)));
  }

  /** The sandbox's 430 px picture (margin 2, level M), scaled as the widget's {@code image-rendering: pixelated}. */
  private static BufferedImage shownAt220px(String url) throws Exception {
    BufferedImage drawn = MatrixToImageWriter.toBufferedImage(new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE,
        430, 430, Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M)));
    BufferedImage shown = new BufferedImage(220, 220, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = shown.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(drawn, 0, 0, 220, 220, null);
    g.dispose();
    return shown;
  }

  private static byte[] png(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "PNG", out);
    return out.toByteArray();
  }
}
