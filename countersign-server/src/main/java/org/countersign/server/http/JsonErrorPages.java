package org.countersign.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.jspecify.annotations.Nullable;

/**
 * Jetty's own error answers (a request it refuses before any route runs: a malformed request line
 * or URI, 400; a URI too long, 414; headers too large, 431) in the JSON error shape of every other
 * answer, {@code {"error": "<code>", "reason": "<sentence>"}}, instead of Jetty's HTML page.
 */
final class JsonErrorPages extends ErrorHandler {
  JsonErrorPages() {
    setShowStacks(false);
    setShowServlet(false);
  }

  /** Requests Jetty cannot parse: the answer is written by Jetty's connection, from this buffer. */
  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE));
    fields.put(new HttpField(HttpHeader.CACHE_CONTROL, "no-store"));
    return ByteBuffer.wrap(body(status, reason));
  }

  /** Errors Jetty answers within a request (sendError outside Javalin's own handlers). */
  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      @Nullable String message)
      throws IOException {
    response.setContentType(Json.CONTENT_TYPE);
    response.setHeader("Cache-Control", "no-store");
    response.getOutputStream().write(body(code, message));
    baseRequest.setHandled(true);
  }

  static byte[] body(int status, @Nullable String reason) {
    ObjectNode body = Json.object();
    body.put("error", code(status));
    String standard = HttpStatus.getMessage(status);
    body.put(
        "reason",
        reason == null || reason.isBlank()
            ? standard
            : reason.replaceAll("\\p{Cntrl}", "?").strip());
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "bad-request";
      case 413 -> "too-large";
      case 414 -> "uri-too-long";
      case 431 -> "headers-too-large";
      default -> "http-" + status;
    };
  }
}
