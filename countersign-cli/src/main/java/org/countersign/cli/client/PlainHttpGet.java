package org.countersign.cli.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 GET over one plain, blocking, kept-alive connection: the read path of {@link
 * LogHttpClient} for an {@code http} server (checkpoint, tiles, entry bundles).
 *
 * <p>Why not the JDK's {@link java.net.http.HttpClient}: its asynchronous pipeline hands every
 * buffer of a body between a selector thread, worker threads and the reading thread, and a client
 * command pays for its set-up and for compiling all of it; an audit reads ten megabytes this way
 * (docs/benchmarks.md, "ninth pass, audit"). A GET is all the read path needs, so this reads the
 * answer on the calling thread. Bodies are read with a cap, framed by {@code Content-Length},
 * chunked transfer coding or the end of the connection, and inflated under the same cap if
 * gzip-encoded. A kept-alive connection the server has closed in the meantime is replaced once.
 *
 * <p>Nothing here is verified: see the package comment. Thread-safe: requests take turns on the
 * connection.
 */
final class PlainHttpGet implements AutoCloseable {
  /** Cap on the status line and headers of an answer. */
  static final int MAX_HEAD_BYTES = 64 << 10;

  /** An answer: its status, body and the headers the client uses. */
  // Private response holder: the body is handed on at once, never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  record Answer(int status, byte[] body, @Nullable String location, @Nullable String retryAfter) {}

  private final URI server;
  private final String hostHeader;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private @Nullable Socket socket;
  private @Nullable InputStream in;

  PlainHttpGet(URI server, Duration connectTimeout, Duration readTimeout) {
    if (!"http".equals(server.getScheme()) || server.getHost() == null) {
      throw new IllegalArgumentException("not a plain-http server URL: " + server);
    }
    this.server = server;
    this.hostHeader =
        server.getPort() < 0 ? server.getHost() : server.getHost() + ":" + server.getPort();
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
  }

  /**
   * GETs {@code target} (a URL on this client's server) and reads the answer's body, at most {@code
   * cap} bytes after inflating.
   *
   * @throws IOException on a network failure, a malformed answer or a body over the cap
   */
  synchronized Answer get(URI target, int cap) throws IOException {
    String path =
        target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    byte[] request =
        ("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: countersign\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    boolean reused = socket != null;
    try {
      return exchange(request, target, cap);
    } catch (StaleConnection e) {
      if (!reused) {
        throw e.failure();
      }
    }
    // The server closed the kept-alive connection before answering this request: a GET changes
    // nothing, so it is sent once more, on a new connection.
    try {
      return exchange(request, target, cap);
    } catch (StaleConnection e) {
      throw e.failure();
    }
  }

  /** A failure before any byte of the answer arrived on a connection. */
  private static final class StaleConnection extends Exception {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialized
    private final IOException failure;

    StaleConnection(IOException failure) {
      super(failure);
      this.failure = failure;
    }

    IOException failure() {
      return failure;
    }
  }

  private Answer exchange(byte[] request, URI target, int cap) throws IOException, StaleConnection {
    InputStream input = connection();
    int first;
    try {
      OutputStream out = socket().getOutputStream();
      out.write(request);
      out.flush();
      first = input.read();
    } catch (SocketTimeoutException e) {
      disconnect();
      throw timeout(target, e);
    } catch (IOException e) {
      disconnect();
      throw new StaleConnection(e);
    }
    if (first < 0) {
      disconnect();
      throw new StaleConnection(new EOFException(target + ": the server closed the connection"));
    }
    try {
      return answer(input, first, target, cap);
    } catch (SocketTimeoutException e) {
      disconnect();
      throw timeout(target, e);
    } catch (IOException e) {
      disconnect();
      throw e;
    }
  }

  private IOException timeout(URI target, SocketTimeoutException e) {
    return new IOException(
        "no answer from " + target + " within " + readTimeout.toSeconds() + " s", e);
  }

  private Answer answer(InputStream input, int first, URI target, int cap) throws IOException {
    Read read = read(input, first, target, cap);
    if (!read.keep()) {
      disconnect();
    }
    return read.answer();
  }

  /** An answer as read, and whether its connection may carry the next request. */
  record Read(Answer answer, boolean keep) {}

  /**
   * Reads one answer from {@code input}, whose first byte {@code first} has been read already: its
   * head, its body (at most {@code cap} bytes, after inflating) and whether the connection may be
   * kept. What the server sends is untrusted: anything malformed is an {@link IOException}.
   */
  static Read read(InputStream input, int first, URI target, int cap) throws IOException {
    Head head = Head.read(input, first);
    while (head.status() >= 100 && head.status() < 200) { // 100 Continue and the like
      int next = input.read();
      if (next < 0) {
        throw new EOFException(target + ": the connection ended after an interim answer");
      }
      head = Head.read(input, next);
    }
    byte[] body;
    boolean keep = head.keepAlive();
    if (head.status() == 204 || head.status() == 304) {
      body = new byte[0];
    } else if (head.chunked()) {
      body = chunked(input, cap, target);
    } else if (head.contentLength() >= 0) {
      if (head.contentLength() > cap) {
        throw new IOException(target + " answered more than " + cap + " bytes");
      }
      body = input.readNBytes((int) head.contentLength());
      if (body.length != head.contentLength()) {
        throw new EOFException(target + ": the connection ended inside the body");
      }
    } else {
      body = input.readNBytes(cap + 1); // framed by the end of the connection
      keep = false;
      if (body.length > cap) {
        throw new IOException(target + " answered more than " + cap + " bytes");
      }
    }
    if (head.gzip()) {
      try (InputStream inflated = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
        body = inflated.readNBytes(cap + 1);
      } catch (IOException e) { // the JDK's own can have no message (a truncated header)
        throw new IOException(target + ": the gzip-encoded body is malformed: " + e, e);
      }
      if (body.length > cap) {
        throw new IOException(target + " answered more than " + cap + " bytes");
      }
    }
    return new Read(new Answer(head.status(), body, head.location(), head.retryAfter()), keep);
  }

  /** Reads a chunked body (RFC 9112, section 7.1), trailers skipped. */
  private static byte[] chunked(InputStream input, int cap, URI target) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = Head.line(input, MAX_HEAD_BYTES);
      int ext = line.indexOf(';');
      String hex = (ext < 0 ? line : line.substring(0, ext)).strip();
      long size;
      try {
        if (hex.isEmpty() || hex.charAt(0) == '+' || hex.charAt(0) == '-') {
          throw new NumberFormatException(); // hex digits only: Long.parseLong allows a sign
        }
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException(target + ": malformed chunk size \"" + Head.printable(hex) + "\"");
      }
      if (size < 0 || size > cap - body.size()) { // not body.size() + size: it can overflow
        throw new IOException(target + " answered more than " + cap + " bytes");
      }
      if (size == 0) {
        while (!Head.line(input, MAX_HEAD_BYTES).isEmpty()) {
          // trailer fields: not used
        }
        return body.toByteArray();
      }
      byte[] chunk = input.readNBytes((int) size);
      if (chunk.length != size) {
        throw new EOFException(target + ": the connection ended inside a chunk");
      }
      body.write(chunk);
      if (!Head.line(input, 2).isEmpty()) {
        throw new IOException(target + ": a chunk is not followed by CRLF");
      }
    }
  }

  /** The status line and the headers the client uses. */
  private record Head(
      int status,
      long contentLength,
      boolean chunked,
      boolean gzip,
      boolean keepAlive,
      @Nullable String location,
      @Nullable String retryAfter) {

    static Head read(InputStream input, int first) throws IOException {
      String statusLine = (char) first + line(input, MAX_HEAD_BYTES);
      // "HTTP/1.1 200 OK": the version, a space, three digits.
      if (!statusLine.startsWith("HTTP/1.")
          || statusLine.length() < 12
          || statusLine.charAt(8) != ' ') {
        throw new IOException("not an HTTP/1.x answer: \"" + printable(statusLine) + "\"");
      }
      int status = 0;
      for (int i = 9; i < 12; i++) { // three digits, no sign (Integer.parseInt allows one)
        char c = statusLine.charAt(i);
        status = c >= '0' && c <= '9' ? status * 10 + (c - '0') : -1000;
      }
      if (status < 100) {
        throw new IOException("not an HTTP status: \"" + printable(statusLine) + "\"");
      }
      boolean keepAlive = statusLine.charAt(7) == '1';
      long contentLength = -1;
      boolean chunked = false;
      boolean gzip = false;
      String location = null;
      String retryAfter = null;
      int headBytes = statusLine.length();
      while (true) {
        String field = line(input, MAX_HEAD_BYTES - headBytes);
        headBytes += field.length() + 2;
        if (field.isEmpty()) {
          break;
        }
        int colon = field.indexOf(':');
        if (colon <= 0) {
          throw new IOException("malformed header line: \"" + printable(field) + "\"");
        }
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).strip();
        switch (name) {
          case "content-length" -> {
            try {
              long n = Long.parseLong(value);
              if (n < 0 || (contentLength >= 0 && contentLength != n)) {
                throw new NumberFormatException();
              }
              contentLength = n;
            } catch (NumberFormatException e) {
              throw new IOException("malformed Content-Length: \"" + printable(value) + "\"");
            }
          }
          case "transfer-encoding" -> {
            String last = value.substring(value.lastIndexOf(',') + 1).strip();
            if (!last.equalsIgnoreCase("chunked")) {
              throw new IOException("unsupported Transfer-Encoding: \"" + printable(value) + "\"");
            }
            chunked = true;
          }
          case "content-encoding" -> {
            if (value.equalsIgnoreCase("gzip")) {
              gzip = true;
            } else if (!value.equalsIgnoreCase("identity")) {
              throw new IOException("unsupported Content-Encoding: \"" + printable(value) + "\"");
            }
          }
          case "connection" -> {
            String v = value.toLowerCase(Locale.ROOT);
            if (v.contains("close")) {
              keepAlive = false;
            } else if (v.contains("keep-alive")) {
              keepAlive = true;
            }
          }
          case "location" -> location = value;
          case "retry-after" -> retryAfter = value;
          default -> {
            // not used
          }
        }
      }
      return new Head(status, contentLength, chunked, gzip, keepAlive, location, retryAfter);
    }

    /** One line without its CRLF (a bare LF is accepted), at most {@code cap} bytes. */
    static String line(InputStream input, int cap) throws IOException {
      StringBuilder s = new StringBuilder(64);
      while (true) {
        int b = input.read();
        if (b < 0) {
          throw new EOFException("the connection ended inside an answer's head");
        }
        if (b == '\n') {
          int n = s.length();
          return n > 0 && s.charAt(n - 1) == '\r' ? s.substring(0, n - 1) : s.toString();
        }
        if (s.length() >= cap) {
          throw new IOException("an answer's head is longer than " + MAX_HEAD_BYTES + " bytes");
        }
        s.append((char) b);
      }
    }

    private static String printable(String s) {
      String cut = s.length() > 80 ? s.substring(0, 80) : s;
      return cut.replaceAll("\\p{Cntrl}", "?");
    }
  }

  private InputStream connection() throws IOException {
    if (socket == null || in == null) {
      Socket s = new Socket();
      try {
        int port = server.getPort() < 0 ? 80 : server.getPort();
        s.connect(new InetSocketAddress(server.getHost(), port), (int) connectTimeout.toMillis());
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        s.setTcpNoDelay(true);
      } catch (ConnectException e) {
        s.close();
        throw new ConnectException(
            "cannot connect to " + server + " (is the server running?): " + e.getMessage());
      } catch (IOException e) {
        s.close();
        throw e;
      }
      socket = s;
      in = new BufferedInputStream(s.getInputStream(), 64 << 10);
    }
    return in;
  }

  private Socket socket() {
    if (socket == null) {
      throw new IllegalStateException("not connected");
    }
    return socket;
  }

  private void disconnect() {
    Socket s = socket;
    socket = null;
    in = null;
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing a connection that failed: nothing to report
      }
    }
  }

  @Override
  public synchronized void close() {
    disconnect();
  }
}
