package org.countersign.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * A fixed answer body kept both as it is and gzip-compressed, compressed once when it is made.
 *
 * <p>The server's compression is off (hash tiles do not compress and the read path must stay
 * cheap), but the portal's scripts and the compliance series are text that a reader on a slow link
 * waits for: they are compressed once, when the file is read or the series computed, and each
 * request picks the form its {@code Accept-Encoding} allows, so no request pays for the
 * compression.
 */
// The arrays are never changed after construction and only ever written to a response.
@SuppressWarnings("ArrayRecordComponent")
record Gzipped(byte[] identity, byte @Nullable [] gzip) {

  /** Below this size compression saves less than a packet: the body is kept as it is only. */
  static final int MIN_SIZE = 1024;

  /** {@code body} and, when it is large enough for compression to pay, its gzip form. */
  static Gzipped of(byte[] body) {
    if (body.length < MIN_SIZE) {
      return new Gzipped(body, null);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e);
    }
    byte[] packed = out.toByteArray();
    return new Gzipped(body, packed.length < body.length ? packed : null);
  }

  /**
   * Writes the body as the request accepts it: gzip when its {@code Accept-Encoding} names gzip
   * (with a non-zero weight) and a gzip form exists, else as it is. Either way the answer varies
   * with {@code Accept-Encoding}, which caches are told.
   */
  void send(Context ctx) {
    ctx.header("Vary", "Accept-Encoding");
    byte[] packed = gzip;
    if (packed != null && acceptsGzip(ctx.header("Accept-Encoding"))) {
      ctx.header("Content-Encoding", "gzip");
      ctx.result(packed);
    } else {
      ctx.result(identity);
    }
  }

  /**
   * Whether an {@code Accept-Encoding} value allows gzip: it names {@code gzip} (or {@code x-gzip})
   * with a weight other than zero (RFC 9110 section 12.5.3).
   */
  static boolean acceptsGzip(@Nullable String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.split(",", -1)) {
      String[] parts = coding.split(";", -1);
      String name = parts[0].strip().toLowerCase(Locale.ROOT);
      if (!name.equals("gzip") && !name.equals("x-gzip")) {
        continue;
      }
      for (int i = 1; i < parts.length; i++) {
        String p = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (p.startsWith("q=") && p.substring(2).matches("0(\\.0{0,3})?")) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
