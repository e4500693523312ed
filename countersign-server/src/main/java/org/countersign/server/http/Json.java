package org.countersign.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import org.countersign.log.Hash;

/** JSON bodies: one mapper, compact output, UTF-8, and the error shape every endpoint uses. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String CONTENT_TYPE = "application/json; charset=utf-8";

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode base64(List<Hash> hashes) {
    ArrayNode a = MAPPER.createArrayNode();
    hashes.forEach(h -> a.add(h.base64()));
    return a;
  }

  /** Answers {@code body} with {@code status}; API answers are never cached. */
  static void send(Context ctx, int status, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
    sendBytes(ctx, status, bytes);
  }

  /** Answers {@code body}, already serialised JSON in UTF-8, as {@link #send} does. */
  static void sendBytes(Context ctx, int status, byte[] body) {
    ctx.status(status);
    ctx.header("Cache-Control", "no-store");
    ctx.contentType(CONTENT_TYPE);
    Bodies.write(ctx, body);
  }

  /** {@code text} as a JSON string, quoted and escaped exactly as {@link #send} writes it. */
  static String string(String text) {
    try {
      // Through bytes, as send writes: its UTF-8 generator escapes characters beyond the BMP
      // (\\uD83D\\uDE00), where the String writer passes them through.
      return new String(MAPPER.writeValueAsBytes(text), java.nio.charset.StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a string", e);
    }
  }

  /** The error shape: {@code {"error": "<code>", "reason": "<human sentence>"}}. */
  static void error(Context ctx, int status, String code, String reason) {
    ObjectNode body = object();
    body.put("error", code);
    body.put("reason", reason);
    send(ctx, status, body);
  }
}
