package verticles.user;

import io.vertx.sqlclient.Row;

/**
 * A user's profile from its row. The API has no endpoint to set avatar, background or signature,
 * so unset ones get working defaults: images the gateway generates per user (relative paths, made
 * absolute by the gateway) and a default sentence.
 */
final class Profiles {
  static final String DEFAULT_SIGNATURE = "This user has not written a signature yet.";

  private Profiles() {
  }

  static Profile of(Row row) {
    long id = row.getLong("id");
    return new Profile(id, row.getString("username"),
        orDefault(row.getString("avatar"), Profile.defaultAvatar(id)),
        orDefault(row.getString("background_image"), Profile.defaultBackground(id)),
        orDefault(row.getString("signature"), DEFAULT_SIGNATURE));
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
