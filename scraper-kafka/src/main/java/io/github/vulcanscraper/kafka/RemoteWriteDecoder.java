package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Reads {@link MetricEncoder#remoteWrite()} values: snappy, then the {@code WriteRequest}. Each
 * sample of each series becomes a sample named by its {@code __name__} label; consecutive samples
 * of one name form a family of type {@link MetricType#UNKNOWN}. Unknown fields are skipped. Errors
 * are reported as line 1 and the byte offset as column.
 */
final class RemoteWriteDecoder implements MetricDecoder {
  static final RemoteWriteDecoder INSTANCE = new RemoteWriteDecoder();

  private RemoteWriteDecoder() {}

  @Override
  public String mediaType() {
    return "application/x-protobuf";
  }

  @Override
  public List<MetricFamily> decode(byte[] value) throws ExpositionException {
    byte[] raw;
    try {
      if (!Snappy.isValidCompressedBuffer(value)) {
        throw new ExpositionException(1, 1, "not a snappy-compressed remote-write body");
      }
      raw = Snappy.uncompress(value);
    } catch (IOException e) {
      throw new ExpositionException(1, 1, "not a snappy-compressed remote-write body: " + e);
    }
    Reader r = new Reader(raw, 0, raw.length);
    List<MetricFamily> families = new ArrayList<>();
    List<Sample> current = new ArrayList<>();
    String currentName = null;
    while (r.more()) {
      int tag = (int) r.varint();
      if (tag == ((1 << 3) | 2)) {
        for (Sample s : readSeries(r.message())) {
          if (currentName != null && !currentName.equals(s.name())) {
            families.add(MetricFamily.of(currentName, MetricType.UNKNOWN, current));
            current = new ArrayList<>();
          }
          currentName = s.name();
          current.add(s);
        }
      } else {
        r.skip(tag);
      }
    }
    if (currentName != null) {
      families.add(MetricFamily.of(currentName, MetricType.UNKNOWN, current));
    }
    return families;
  }

  private static List<Sample> readSeries(Reader r) throws ExpositionException {
    Labels.Builder labels = Labels.builder();
    String name = null;
    List<double[]> values = new ArrayList<>(1);
    List<Long> timestamps = new ArrayList<>(1);
    int start = r.pos;
    while (r.more()) {
      int tag = (int) r.varint();
      if (tag == ((1 << 3) | 2)) {
        Reader label = r.message();
        String n = "";
        String v = "";
        while (label.more()) {
          int t = (int) label.varint();
          if (t == ((1 << 3) | 2)) {
            n = label.string();
          } else if (t == ((2 << 3) | 2)) {
            v = label.string();
          } else {
            label.skip(t);
          }
        }
        if (n.equals(RemoteWriteEncoder.NAME_LABEL)) {
          name = v;
        } else {
          try {
            labels.add(n, v);
          } catch (IllegalArgumentException e) {
            throw r.error(String.valueOf(e.getMessage()));
          }
        }
      } else if (tag == ((2 << 3) | 2)) {
        Reader sample = r.message();
        double value = 0;
        long ts = 0;
        while (sample.more()) {
          int t = (int) sample.varint();
          if (t == ((1 << 3) | 1)) {
            value = Double.longBitsToDouble(sample.fixed64());
          } else if (t == ((2 << 3) | 0)) {
            ts = sample.varint();
          } else {
            sample.skip(t);
          }
        }
        values.add(new double[] {value});
        timestamps.add(ts);
      } else {
        r.skip(tag);
      }
    }
    if (name == null) {
      throw new ExpositionException(1, start + 1, "time series without a __name__ label");
    }
    List<Sample> out = new ArrayList<>(values.size());
    try {
      Labels built = labels.build();
      for (int i = 0; i < values.size(); i++) {
        out.add(Sample.of(name, built, values.get(i)[0], timestamps.get(i)));
      }
    } catch (IllegalArgumentException e) {
      throw new ExpositionException(1, start + 1, String.valueOf(e.getMessage()));
    }
    return out;
  }

  /** Protobuf wire-format reading over a slice of bytes. */
  private static final class Reader {
    final byte[] data;
    int pos;
    final int end;

    Reader(byte[] data, int pos, int end) {
      this.data = data;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    long varint() throws ExpositionException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw error("truncated varint");
        }
        byte b = data[pos++];
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw error("varint longer than 10 bytes");
    }

    long fixed64() throws ExpositionException {
      if (end - pos < 8) {
        throw error("truncated fixed64");
      }
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (data[pos++] & 0xFFL) << (8 * i);
      }
      return v;
    }

    Reader message() throws ExpositionException {
      long len = varint();
      if (len < 0 || len > end - pos) {
        throw error("length " + len + " past the end");
      }
      Reader r = new Reader(data, pos, pos + (int) len);
      pos += (int) len;
      return r;
    }

    String string() throws ExpositionException {
      Reader r = message();
      return new String(data, r.pos, r.end - r.pos, StandardCharsets.UTF_8);
    }

    void skip(int tag) throws ExpositionException {
      switch (tag & 7) {
        case 0:
          varint();
          break;
        case 1:
          fixed64();
          break;
        case 2:
          message();
          break;
        case 5:
          if (end - pos < 4) {
            throw error("truncated fixed32");
          }
          pos += 4;
          break;
        default:
          throw error("unsupported wire type " + (tag & 7));
      }
    }

    ExpositionException error(String detail) {
      return new ExpositionException(1, pos + 1, detail + " at byte " + pos);
    }
  }
}
