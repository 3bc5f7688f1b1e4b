package io.wxlogin.bench.stats;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds, kept in an HdrHistogram so p99.9 and max are exact to 3 significant digits
 * however many millions of samples there are. Workers send theirs to the coordinator as compressed base64,
 * which adds up to exactly the histogram one process would have recorded.
 */
public final class Latency {

  /** One hour in µs: nothing in this system legitimately takes longer; larger values are clamped. */
  private static final long HIGHEST_US = 3_600_000_000L;

  private final Histogram histogram;

  public Latency() {
    this(new Histogram(1, HIGHEST_US, 3));
  }

  private Latency(Histogram histogram) {
    this.histogram = histogram;
  }

  public void recordNanos(long nanos) {
    recordMicros(Math.max(1, nanos / 1_000));
  }

  public void recordMicros(long micros) {
    histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, micros)));
  }

  public long count() {
    return histogram.getTotalCount();
  }

  /** The value at {@code percentile} (0–100) in microseconds; 0 when nothing was recorded. */
  public long percentileMicros(double percentile) {
    return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
  }

  public long maxMicros() {
    return count() == 0 ? 0 : histogram.getMaxValue();
  }

  public double meanMicros() {
    return count() == 0 ? 0 : histogram.getMean();
  }

  public void add(Latency other) {
    histogram.add(other.histogram);
  }

  public String encode() {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  public static Latency decode(String base64) {
    try {
      return new Latency(Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 1));
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("not an encoded histogram", e);
    }
  }
}
