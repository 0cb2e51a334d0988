package io.github.vulcanscraper.core.exposition;

/**
 * Formats doubles as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} does, which is how Prometheus
 * and its client libraries write sample values: the shortest decimal that reads back as the same
 * double, in exponent form ({@code 1.5e+06}, {@code 1e-05}) when the exponent is below -4 or at
 * least 6, and {@code +Inf}, {@code -Inf}, {@code NaN}.
 */
final class GoFloat {
  private GoFloat() {}

  static void append(double v, StringBuilder sb) {
    if (Double.isNaN(v)) {
      sb.append("NaN");
      return;
    }
    if (Double.isInfinite(v)) {
      sb.append(v > 0 ? "+Inf" : "-Inf");
      return;
    }
    if (v == 0) {
      sb.append(Double.doubleToRawLongBits(v) < 0 ? "-0" : "0");
      return;
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e6) {
      sb.append((long) v);
      return;
    }
    if (v < 0) {
      sb.append('-');
      v = -v;
    }
    // Double.toString gives digits that read back as v: "123.45", "1.0E-5", "1.2345E10".
    String s = Double.toString(v);
    int e = s.indexOf('E');
    int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
    String mantissa = e < 0 ? s : s.substring(0, e);
    int point = mantissa.indexOf('.');
    StringBuilder digits = new StringBuilder(mantissa.length());
    digits.append(mantissa, 0, point).append(mantissa, point + 1, mantissa.length());
    int dp = point + exp10;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    dp -= lead;
    int stop = digits.length();
    while (stop > lead + 1 && digits.charAt(stop - 1) == '0') {
      stop--;
    }
    String d = digits.substring(lead, stop);
    int nd = d.length();
    int exp = dp - 1;
    if (exp < -4 || exp >= 6) {
      sb.append(d.charAt(0));
      if (nd > 1) {
        sb.append('.').append(d, 1, nd);
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int a = Math.abs(exp);
      if (a < 10) {
        sb.append('0');
      }
      sb.append(a);
    } else if (dp <= 0) {
      sb.append("0.");
      for (int i = dp; i < 0; i++) {
        sb.append('0');
      }
      sb.append(d);
    } else if (dp >= nd) {
      sb.append(d);
      for (int i = nd; i < dp; i++) {
        sb.append('0');
      }
    } else {
      sb.append(d, 0, dp).append('.').append(d, dp, nd);
    }
  }

  static String toString(double v) {
    StringBuilder sb = new StringBuilder(24);
    append(v, sb);
    return sb.toString();
  }
}
