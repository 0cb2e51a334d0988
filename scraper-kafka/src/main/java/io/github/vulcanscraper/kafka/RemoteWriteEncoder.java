package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xerial.snappy.Snappy;

/**
 * {@link MetricEncoder#remoteWrite()}: a Prometheus remote-write 1.0 {@code WriteRequest},
 * snappy-compressed (block format) as a remote-write body is, so a consumer can post a record's
 * value to a remote-write endpoint unchanged.
 *
 * <p>The messages, hand-written (no protobuf runtime): {@code WriteRequest { repeated TimeSeries
 * timeseries = 1; }}, {@code TimeSeries { repeated Label labels = 1; repeated Sample samples = 2;
 * }}, {@code Label { string name = 1; string value = 2; }}, {@code Sample { double value = 1; int64
 * timestamp = 2; }}. One time series per sample, its labels sorted by name with {@code __name__}
 * among them; the staleness marker keeps its bits. Types, help, units and exemplars are not
 * written.
 */
final class RemoteWriteEncoder implements MetricEncoder {
  static final RemoteWriteEncoder INSTANCE = new RemoteWriteEncoder();
  static final String CONTENT_TYPE =
      "application/x-protobuf; proto=prometheus.WriteRequest; encoding=snappy";
  static final String NAME_LABEL = "__name__";

  private RemoteWriteEncoder() {}

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public byte[] encode(String key, Scrape scrape) {
    Buffer out = new Buffer(64 + scrape.sampleCount() * 96);
    Buffer series = new Buffer(256);
    for (MetricFamily f : scrape.families()) {
      for (Sample s : f.samples()) {
        series.reset();
        writeSeries(series, s, s.hasTimestamp() ? s.timestampMillis() : scrape.timestampMillis());
        out.tag(1, 2);
        out.varint(series.size);
        out.bytes(series.data, series.size);
      }
    }
    try {
      return Snappy.compress(Arrays.copyOf(out.data, out.size));
    } catch (IOException e) {
      throw new UncheckedIOException("snappy compression failed", e);
    }
  }

  private static void writeSeries(Buffer b, Sample s, long timestamp) {
    Labels labels = s.labels();
    boolean nameWritten = false;
    for (int i = 0; i < labels.size(); i++) {
      if (!nameWritten && labels.name(i).compareTo(NAME_LABEL) > 0) {
        writeLabel(b, NAME_LABEL, s.name());
        nameWritten = true;
      }
      writeLabel(b, labels.name(i), labels.value(i));
    }
    if (!nameWritten) {
      writeLabel(b, NAME_LABEL, s.name());
    }
    int tsLen = Buffer.varintSize(timestamp);
    b.tag(2, 2);
    b.varint(1 + 8 + 1 + tsLen);
    b.tag(1, 1);
    b.fixed64(Double.doubleToRawLongBits(s.value()));
    b.tag(2, 0);
    b.varint(timestamp);
  }

  private static void writeLabel(Buffer b, String name, String value) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    b.tag(1, 2);
    b.varint(
        1 + Buffer.varintSize(n.length) + n.length + 1 + Buffer.varintSize(v.length) + v.length);
    b.tag(1, 2);
    b.varint(n.length);
    b.bytes(n, n.length);
    b.tag(2, 2);
    b.varint(v.length);
    b.bytes(v, v.length);
  }

  /** A growable byte array with protobuf's wire primitives. Not thread-safe. */
  static final class Buffer {
    byte[] data;
    int size;

    Buffer(int capacity) {
      data = new byte[Math.max(16, capacity)];
    }

    void reset() {
      size = 0;
    }

    private void ensure(int more) {
      if (size + more > data.length) {
        data = Arrays.copyOf(data, Math.max(size + more, data.length * 2));
      }
    }

    void tag(int field, int wireType) {
      varint((field << 3) | wireType);
    }

    void varint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        data[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      data[size++] = (byte) v;
    }

    void fixed64(long v) {
      ensure(8);
      for (int i = 0; i < 8; i++) {
        data[size++] = (byte) (v >>> (8 * i));
      }
    }

    void bytes(byte[] b, int len) {
      ensure(len);
      System.arraycopy(b, 0, data, size, len);
      size += len;
    }

    static int varintSize(long v) {
      int n = 1;
      while ((v & ~0x7FL) != 0) {
        n++;
        v >>>= 7;
      }
      return n;
    }
  }
}
