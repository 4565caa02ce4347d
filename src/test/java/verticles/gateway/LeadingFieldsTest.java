package verticles.gateway;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LeadingFieldsTest {
  private static final String TYPE = "multipart/form-data; boundary=b0undary";

  private static String field(String name, String value) {
    return "--b0undary\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  private static final String FILE_HEAD = "--b0undary\r\nContent-Disposition: form-data; name=\"data\"; filename=\"a.mp4\"\r\n"
      + "Content-Type: video/mp4\r\n\r\n";

  @Test
  void aFieldBeforeTheFilePartIsFoundInTheFirstBytes() {
    Buffer start = Buffer.buffer(field("title", "hello") + field("token", "abc.def.ghi") + FILE_HEAD + "\0\0\0 partial");
    assertEquals("abc.def.ghi", LeadingFields.field(TYPE, start, "token"));
    assertEquals("hello", LeadingFields.field(TYPE, start, "title"));
  }

  @Test
  void aFieldAfterTheFileOrCutOffIsNotThereYet() {
    assertNull(LeadingFields.field(TYPE, Buffer.buffer(FILE_HEAD + "data"), "token"));
    assertNull(LeadingFields.field(TYPE, Buffer.buffer(field("title", "t") + "--b0undary\r\nContent-Disposition: form-data; name=\"tok"), "token"));
    assertNull(LeadingFields.field("text/plain", Buffer.buffer("token=x"), "token"));
  }
}
