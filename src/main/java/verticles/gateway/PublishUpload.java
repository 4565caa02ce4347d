package verticles.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import verticles.common.Failure;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Receives a publish body in place of a body handler, so that nothing is written for a request
 * that will be refused. Before any byte of the body is read: the declared length (the upload
 * limit for a chunked body) must fit the upload limit and the node's bytes in flight, and a token
 * given in the query (or the
 * Authorization header) must be valid. A token field that precedes the file part is checked
 * before the file is written; a token that follows it, once the body has arrived. At most one
 * file part, named {@code data}. A refusal answers at once and closes the connection. The file
 * is deleted when the request ends in any way, unless the media worker took it over.
 */
final class PublishUpload implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(PublishUpload.class);
  private static final String RECEIVED = "vertok.upload";

  /** The received {@code data} part: where it is and how many bytes it has. */
  record Received(Path file, long size) {
  }

  private final Function<String, Future<Long>> callers;
  private final UploadBudget budget;
  private final Path uploads;
  private final long limit;

  /** @param callers the caller of a token, as {@link Gateway#caller(String)} checks it */
  PublishUpload(Function<String, Future<Long>> callers, UploadBudget budget, Path uploads, long limit) {
    this.callers = callers;
    this.budget = budget;
    this.uploads = uploads;
    this.limit = limit;
  }

  /** The {@code data} part of the request, or a 400 if the body had none or it was empty. */
  static Received received(RoutingContext ctx) {
    Received received = ctx.get(RECEIVED);
    if (received == null) {
      throw Failure.badRequest("data is required: the video file as a multipart part named data");
    }
    if (received.size() == 0) {
      throw Failure.badRequest("data is empty");
    }
    return received;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      Envelope.refuse(ctx, Failure.badRequest("publish takes a multipart/form-data body: data (the video), token, title"));
      return;
    }
    long length = declaredLength(request);
    if (length > limit) {
      Envelope.refuse(ctx, 413, tooLarge());
      return;
    }
    if (!budget.reserveBytes(length)) {
      Envelope.refuse(ctx, 503, "too many uploads in progress on this server, try again shortly");
      return;
    }
    new Upload(ctx, length).start();
  }

  /** The Content-Length; a chunked body (no length) may take up to the limit. */
  private long declaredLength(HttpServerRequest request) {
    String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return value != null && value.matches("\\d{1,18}") ? Long.parseLong(value) : limit;
  }

  private String tooLarge() {
    return "request body is too large: at most " + limit / (1024 * 1024) + " MiB";
  }

  /** One publish request's body: its author once known, its file part, its end. */
  private final class Upload {
    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final long length;
    private long author;
    private int parts;
    private Path file;
    private HttpServerFileUpload part;
    private Future<Void> streamed;
    private boolean bodyEnded;
    private boolean finished;
    private boolean released;
    private long received;
    /** The body's first bytes (at most {@link Routes#FORM_LIMIT}) until the file part begins, for a token field before it. */
    private Buffer start = Buffer.buffer();

    Upload(RoutingContext ctx, long length) {
      this.ctx = ctx;
      this.request = ctx.request();
      this.length = length;
    }

    void start() {
      // Released as the answer's head is written: a client that has the answer may publish again at once.
      ctx.addHeadersEndHandler(v -> release());
      ctx.addEndHandler(ended -> finished());
      request.pause();
      // Before the body is parsed, this is the query's or the Authorization header's token.
      String token = new ApiRequest(ctx).token();
      if (token == null || token.isBlank()) {
        receive();
      } else {
        authenticate(token, this::receive);
      }
    }

    private void authenticate(String token, Runnable then) {
      callers.apply(token).onComplete(verified -> {
        if (finished || released) {
          return; // answered or left meanwhile: nothing to admit, nothing to answer
        }
        if (verified.failed()) {
          Envelope.refuse(ctx, verified.cause() instanceof Failure f ? f : Failure.unauthorized(Tokens.INVALID));
        } else if (!budget.admit(verified.result())) {
          Envelope.refuse(ctx, new Failure(429, "you have " + budget.perUser()
              + " uploads in progress already; publish again when one has finished"));
        } else {
          author = verified.result();
          then.run();
        }
      });
    }

    private void receive() {
      request.setExpectMultipart(true);
      request.uploadHandler(this::part);
      request.handler(buffer -> {
        received += buffer.length();
        if (start != null && start.length() < Routes.FORM_LIMIT) {
          int room = (int) Routes.FORM_LIMIT - start.length();
          start.appendBuffer(buffer.length() <= room ? buffer : buffer.slice(0, room));
        }
        if (received > limit) {
          Envelope.refuse(ctx, 413, tooLarge());
        }
      });
      request.exceptionHandler(e -> Envelope.refuse(ctx, 400, HttpEdge.MALFORMED_BODY));
      request.endHandler(v -> {
        bodyEnded = true;
        complete();
      });
      request.resume();
    }

    private void part(HttpServerFileUpload upload) {
      parts++;
      if (parts > 1 || !upload.name().equals("data")) {
        Envelope.refuse(ctx, 400, "a publish body has one file part, named data");
        return;
      }
      part = upload;
      upload.pause();
      // The bytes of this part's head reach the body handler just after the decoder has seen them.
      ctx.vertx().runOnContext(v -> {
        String token = author != 0 || start == null
            ? null : LeadingFields.field(request.getHeader(HttpHeaders.CONTENT_TYPE), start, "token");
        start = null;
        if (token != null && !token.isBlank()) {
          authenticate(token, this::stream);
        } else {
          stream();
        }
      });
    }

    private void stream() {
      if (finished || ctx.response().ended()) {
        return;
      }
      file = uploads.resolve(UUID.randomUUID().toString());
      streamed = part.streamToFileSystem(file.toString());
      streamed.onComplete(done -> {
        if (done.failed()) {
          Envelope.refuse(ctx, 400, "the upload did not arrive whole");
        } else {
          complete();
        }
      });
    }

    /** Once the body has arrived and the file is written: the token, if it came late, then the route. */
    private void complete() {
      boolean written = part == null || (streamed != null && streamed.isComplete());
      if (!bodyEnded || !written || ctx.response().ended()) {
        return;
      }
      if (file != null) {
        ctx.put(RECEIVED, new Received(file, part.size()));
      }
      if (author != 0) {
        ctx.next();
      } else {
        authenticate(new ApiRequest(ctx).token(), ctx::next);
      }
    }

    /** Gives back this upload's share of the budgets, once (the answer's head, or a client that left first). */
    private void release() {
      if (released) {
        return;
      }
      released = true;
      budget.releaseBytes(length);
      if (author != 0) {
        budget.release(author);
      }
    }

    private void finished() {
      finished = true;
      release();
      if (streamed != null) {
        if (!streamed.isComplete()) {
          // A refused or abandoned request: the stream is stopped (it does not end with the connection).
          part.cancelStreamToFileSystem();
        }
        // Deleted once the file is closed; one the media worker took over is gone already.
        streamed.onComplete(done -> ctx.vertx().fileSystem().delete(file.toString()).onFailure(e -> {
          if (!(e.getCause() instanceof NoSuchFileException)) {
            log.warn("could not delete the upload {}: {}", file, e.toString());
          }
        }));
      }
    }
  }
}
