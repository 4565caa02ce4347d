package verticles.user;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * A user's profile as the user domain answers it. The API has no endpoint to set avatar,
 * background or signature, so unset ones get working defaults: images the gateway generates per
 * user (relative paths, made absolute by the gateway) and a default sentence.
 */
final class Profiles {
  static final String DEFAULT_SIGNATURE = "This user has not written a signature yet.";

  private Profiles() {
  }

  static JsonObject toJson(Row row) {
    long id = row.getLong("id");
    return new JsonObject()
        .put("id", id)
        .put("name", row.getString("username"))
        .put("avatar", orDefault(row.getString("avatar"), "/media/avatar/" + id + ".png"))
        .put("background_image", orDefault(row.getString("background_image"), "/media/background/" + id + ".png"))
        .put("signature", orDefault(row.getString("signature"), DEFAULT_SIGNATURE));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
