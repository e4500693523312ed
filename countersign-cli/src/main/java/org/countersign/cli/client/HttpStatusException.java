package org.countersign.cli.client;

import java.io.IOException;

/**
 * The server answered with an error status. For the JSON API the body is {@code {"error": code,
 * "reason": sentence}}; both are kept so that a command can print the server's own reason.
 */
public final class HttpStatusException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String path;
  private final String code;
  private final String reason;

  HttpStatusException(int status, String path, String code, String reason) {
    super(
        "HTTP "
            + status
            + " for "
            + path
            + (code.isEmpty() ? "" : " (" + code + ")")
            + (reason.isEmpty() ? "" : ": " + reason));
    this.status = status;
    this.path = path;
    this.code = code;
    this.reason = reason;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The path requested, relative to the server URL. */
  public String path() {
    return path;
  }

  /** The server's stable error code ({@code "stale"}, {@code "bad-signature"}, ...), or empty. */
  public String code() {
    return code;
  }

  /** The server's reason sentence (or the start of a non-JSON body), or empty. */
  public String reason() {
    return reason;
  }

  /** Whether the server refused the request itself (4xx) rather than failing (5xx). */
  public boolean isClientError() {
    return status >= 400 && status < 500;
  }
}
