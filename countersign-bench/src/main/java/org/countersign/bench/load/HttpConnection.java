package org.countersign.bench.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 keep-alive connection that sends pre-built requests and reads whole responses.
 *
 * <p>A load generator on the same two cores as the server must spend as little CPU as it can, so
 * this is not a general client: it writes bytes prepared before the timed phase, parses only the
 * status line and the framing headers ({@code Content-Length}, {@code Transfer-Encoding: chunked},
 * {@code Connection: close}), and keeps the body as bytes. Responses are bounded (1 MiB) so that a
 * misbehaving server cannot exhaust the generator's memory. Not thread-safe: one connection per
 * worker.
 */
final class HttpConnection implements AutoCloseable {
  static final int MAX_RESPONSE_BYTES = 1 << 20;
  private static final int MAX_HEADER_LINE = 8192;

  private final InetSocketAddress address;
  private final String hostHeader;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** A response: status code and body; the headers the generator needs are kept as fields. */
  // A response read once by the generator; the body is never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  record Response(int status, byte[] body, String retryAfter) {}

  HttpConnection(URI base) throws IOException {
    int port = base.getPort() < 0 ? 80 : base.getPort();
    this.address = new InetSocketAddress(base.getHost(), port);
    this.hostHeader = base.getHost() + ":" + port;
    connect();
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(address, 10_000);
    socket.setSoTimeout(120_000);
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    out = socket.getOutputStream();
  }

  /** The request head for {@code POST path} with a body of {@code length} bytes. */
  byte[] postHead(String path, int length) {
    return ("POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + hostHeader
            + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
            + length
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The request for {@code GET path}. */
  byte[] get(String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Sends {@code head} and {@code body} and reads the response. A connection the server closed
   * while idle is reopened once; any other failure is the caller's.
   */
  Response exchange(byte[] head, byte[] body) throws IOException {
    try {
      return send(head, body);
    } catch (IOException first) {
      if (!socket.isClosed() && socket.isConnected() && !(first instanceof EofBeforeStatus)) {
        throw first;
      }
      close();
      connect();
      return send(head, body);
    }
  }

  private Response send(byte[] head, byte[] body) throws IOException {
    out.write(head);
    if (body.length > 0) {
      out.write(body);
    }
    out.flush();
    String status = line();
    if (status == null) {
      throw new EofBeforeStatus();
    }
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    String retryAfter = "";
    String h;
    while ((h = line()) != null && !h.isEmpty()) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line: " + h);
      }
      String name = h.substring(0, colon).trim();
      String value = h.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.equalsIgnoreCase("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close");
      } else if (name.equalsIgnoreCase("Retry-After")) {
        retryAfter = value;
      }
    }
    if (h == null) {
      throw new IOException("connection closed inside the response headers");
    }
    byte[] content;
    if (chunked) {
      content = chunkedBody();
    } else if (length >= 0) {
      if (length > MAX_RESPONSE_BYTES) {
        throw new IOException("response of " + length + " bytes is over the cap");
      }
      content = in.readNBytes((int) length);
      if (content.length != length) {
        throw new IOException("connection closed inside the response body");
      }
    } else {
      throw new IOException("response without Content-Length or chunked encoding");
    }
    if (close) {
      close();
      connect();
    }
    return new Response(code, content, retryAfter);
  }

  private byte[] chunkedBody() throws IOException {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    while (true) {
      String size = line();
      if (size == null) {
        throw new IOException("connection closed inside a chunked body");
      }
      int semi = size.indexOf(';');
      int n = Integer.parseInt(semi < 0 ? size.trim() : size.substring(0, semi).trim(), 16);
      if (n == 0) {
        String trailer;
        while ((trailer = line()) != null && !trailer.isEmpty()) {
          // trailers are ignored
        }
        return b.toByteArray();
      }
      if (b.size() + n > MAX_RESPONSE_BYTES) {
        throw new IOException("chunked response over the cap");
      }
      b.write(in.readNBytes(n));
      line(); // the CRLF after the chunk
    }
  }

  /** One CRLF-terminated line as ASCII, without the terminator; null at a clean end of stream. */
  private @Nullable String line() throws IOException {
    StringBuilder b = new StringBuilder(64);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int n = b.length();
        if (n > 0 && b.charAt(n - 1) == '\r') {
          b.setLength(n - 1);
        }
        return b.toString();
      }
      if (b.length() >= MAX_HEADER_LINE) {
        throw new IOException("header line over " + MAX_HEADER_LINE + " bytes");
      }
      b.append((char) c);
    }
    if (b.length() == 0) {
      return null;
    }
    throw new IOException("connection closed inside a line");
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket we are done with
    }
  }

  /** The server closed a kept-alive connection before answering: safe to resend once. */
  private static final class EofBeforeStatus extends IOException {
    EofBeforeStatus() {
      super("connection closed before the status line");
    }
  }
}
