package verticles.gateway;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostMultipartRequestDecoder;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;

/**
 * The fields at the start of a multipart body, read from its first bytes before the server's own
 * decoder hands them over (it does so only at the end of the body): how a publish learns a token
 * field that precedes the file part while the file is still to come. Decoded in memory by Netty's
 * multipart decoder; the start is at most {@link Routes#FORM_LIMIT} bytes.
 */
final class LeadingFields {
  private LeadingFields() {
  }

  /** The value of field {@code name} among the complete fields of {@code start}, or null. */
  static String field(String contentType, Buffer start, String name) {
    DefaultHttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/");
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    if (!HttpPostRequestDecoder.isMultipart(head)) {
      return null;
    }
    HttpPostMultipartRequestDecoder decoder = new HttpPostMultipartRequestDecoder(new DefaultHttpDataFactory(false), head);
    try {
      decoder.offer(new DefaultHttpContent(Unpooled.wrappedBuffer(start.getBytes())));
      while (decoder.hasNext()) {
        InterfaceHttpData data = decoder.next();
        if (data instanceof Attribute attribute && attribute.getName().equals(name)) {
          return attribute.getValue();
        }
      }
      return null;
    } catch (DecoderException | IOException e) {
      // The end of the start (mid-part), or a start that is not multipart: no such field yet.
      return null;
    } finally {
      decoder.destroy();
    }
  }
}
