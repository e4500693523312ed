package org.countersign.server.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import org.countersign.server.ops.ServerMetrics;
import org.countersign.server.sequence.PushbackException;
import org.countersign.server.submit.SubmissionRefusedException;
import org.countersign.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers, all in the JSON error shape {@code {"error":
 * "<code>", "reason": "<sentence>"}}:
 *
 * <ul>
 *   <li>{@link SubmissionRefusedException}: its refusal's status and code (4xx);
 *   <li>{@link PushbackException}: 503 with {@code Retry-After} (code {@code overloaded});
 *   <li>{@link ApiException}: its status and code;
 *   <li>{@link StoreException}: 503 with {@code Retry-After} (code {@code store-unavailable});
 *   <li>anything else: 500 (code {@code internal}), with the details in the server log only.
 * </ul>
 */
final class ErrorMapping {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapping.class);

  private ErrorMapping() {}

  /**
   * @param bodyCap Javalin's cap on the bodies it reads for a route, named in its 413
   */
  static void register(Javalin app, ServerMetrics metrics, long bodyCap) {
    app.exception(
        SubmissionRefusedException.class,
        (e, ctx) -> {
          metrics.submission(e.refusal().code());
          log.info(
              "event=submission_refused code={} reason=\"{}\"", e.refusal().code(), e.reason());
          Json.error(ctx, e.refusal().status(), e.refusal().code(), e.reason());
        });
    app.exception(
        PushbackException.class,
        (e, ctx) -> {
          if (ctx.path().startsWith("/api/v1/statements")) {
            metrics.submission("pushback");
          }
          ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
          Json.error(
              ctx, 503, "overloaded", e.getMessage() == null ? "try again later" : e.getMessage());
        });
    app.exception(
        ApiException.class,
        (e, ctx) ->
            Json.error(
                ctx, e.status(), e.code(), e.getMessage() == null ? e.code() : e.getMessage()));
    app.exception(
        StoreException.class,
        (e, ctx) -> {
          log.error("event=store_error path={} error=\"{}\"", ctx.path(), e.toString(), e);
          metrics.storeFailed(e.toString());
          ctx.header("Retry-After", "5");
          Json.error(ctx, 503, "store-unavailable", "the log's storage failed; try again later");
        });
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          // Javalin's own answers (an unknown route above all) in the documented codes; the
          // reason names the path only, so that HEAD and GET get the same headers.
          switch (e.getStatus()) {
            case 404 -> Json.error(ctx, 404, "not-found", "no such resource: " + ctx.path());
            case 405 ->
                Json.error(
                    ctx,
                    405,
                    "method-not-allowed",
                    "this route does not answer " + ctx.method() + ": " + ctx.path());
            case 413 -> {
              long declared = ctx.req().getContentLengthLong();
              Json.error(
                  ctx,
                  413,
                  "too-large",
                  String.format(
                      java.util.Locale.ROOT,
                      "the request body%s is over this route's cap of %,d bytes",
                      declared > 0
                          ? String.format(java.util.Locale.ROOT, " of %,d bytes", declared)
                          : "",
                      bodyCap));
            }
            default ->
                Json.error(ctx, e.getStatus(), "http-" + e.getStatus(), ApiException.reason(e));
          }
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("event=internal_error path={} error=\"{}\"", ctx.path(), e.toString(), e);
          Json.error(ctx, 500, "internal", "internal error");
        });
    app.error(
        404,
        ctx -> {
          if (ctx.resultInputStream() == null && !Bodies.written(ctx)) {
            Json.error(ctx, 404, "not-found", "no such resource: " + ctx.path());
          }
        });
  }
}
