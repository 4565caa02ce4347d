package verticles.gateway;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.util.concurrent.TimeUnit;

/**
 * The HTTP server's own limits, those that apply before a request reaches the router: the request
 * line (64 KiB, so that the app's query-string comments fit, as the contract says), the headers,
 * the form fields, the idle timeout; and the JSON answer to a request the decoder refused.
 */
final class HttpEdge {
  static final int MAX_REQUEST_LINE = 64 * 1024;
  static final int MAX_HEADERS = 16 * 1024;
  /** Form fields (and multipart parts) in one body: the largest endpoint takes five. */
  static final int MAX_FORM_FIELDS = 32;
  /** How long a live socket's close waits for the client's answer before the connection is closed. */
  static final int WEBSOCKET_CLOSING_SECONDS = 2;
  static final String MALFORMED_BODY = "malformed form body: a bad percent-escape, a broken multipart part, or more than "
      + MAX_FORM_FIELDS + " fields";

  private HttpEdge() {
  }

  static HttpServerOptions options(Config config) {
    return new HttpServerOptions()
        .setHost(config.string(Setting.HTTP_HOST))
        .setPort(config.integer(Setting.HTTP_PORT))
        .setCompressionSupported(true)
        .setMaxInitialLineLength(MAX_REQUEST_LINE)
        .setMaxHeaderSize(MAX_HEADERS)
        // Form fields are bounded by the body limit; Netty's own 8 KiB per field is too small
        // for 1024 CJK characters url-encoded (9 bytes each).
        .setMaxFormAttributeSize((int) Routes.FORM_LIMIT)
        .setMaxFormBufferedBytes((int) Routes.FORM_LIMIT)
        .setMaxFormFields(MAX_FORM_FIELDS)
        // HTTP/1.1 only: with cleartext HTTP/2 on, a connection is not seen (nor counted, nor given
        // a head deadline) until its first bytes tell which protocol it speaks.
        .setHttp2ClearTextEnabled(false)
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout(config.integer(Setting.HTTP_IDLE_TIMEOUT_MS))
        .setTcpNoDelay(true)
        // The live push's sockets (docs/realtime.md): a client sends only small operations; no
        // compression (a deflate context per socket would cost more memory than the socket); a
        // close that the client does not answer (a stalled reader) ends the connection soon.
        .setMaxWebSocketFrameSize(config.integer(Setting.LIVE_FRAME_BYTES))
        .setMaxWebSocketMessageSize(config.integer(Setting.LIVE_FRAME_BYTES))
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setWebSocketClosingTimeout(WEBSOCKET_CLOSING_SECONDS);
  }

  /**
   * The server's handler of requests the HTTP decoder refused: 414 for a request line over
   * {@link #MAX_REQUEST_LINE}, 431 for headers over {@link #MAX_HEADERS}, 400 for anything else
   * that is not HTTP; each with the envelope, then the connection is closed.
   */
  static void invalidRequest(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status;
    String message;
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = "the request line is longer than " + MAX_REQUEST_LINE + " bytes";
    } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
      status = 431;
      message = "the request headers are larger than " + MAX_HEADERS + " bytes";
    } else {
      status = 400;
      message = "malformed HTTP request";
    }
    request.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Envelope.JSON)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(Envelope.body(status, message).toBuffer())
        .onComplete(done -> request.connection().close());
  }
}
