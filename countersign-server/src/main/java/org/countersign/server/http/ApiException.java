package org.countersign.server.http;

/**
 * A request the API refuses with a given status and error code: bad parameters (400), a resource
 * that does not exist or is not yet published (404). Mapped to the JSON error shape in one place.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ApiException(int status, String code, String reason) {
    super(reason);
    this.status = status;
    this.code = code;
  }

  static ApiException badRequest(String reason) {
    return new ApiException(400, "bad-request", reason);
  }

  static ApiException notFound(String reason) {
    return new ApiException(404, "not-found", reason);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** Parses a non-negative decimal query or path parameter, refusing anything else with 400. */
  static long nonNegative(String name, String value) {
    if (value.isEmpty()
        || value.length() > 19
        || !value.chars().allMatch(c -> c >= '0' && c <= '9')
        || (value.length() > 1 && value.charAt(0) == '0')) {
      throw badRequest(
          name
              + " must be a non-negative decimal without leading zeros, got \""
              + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
              + "\"");
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw badRequest(name + " is out of range: " + value);
    }
  }

  /**
   * What a client reads of {@code e}: its message, or its kind when it carries none (every
   * exception we throw has a message; a library's may not).
   */
  static String reason(Throwable e) {
    String m = e.getMessage();
    return m != null ? m : e.getClass().getSimpleName();
  }
}
