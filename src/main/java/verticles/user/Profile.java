package verticles.user;

import io.vertx.core.json.JsonObject;

/**
 * A user's profile as the user domain answers it ({@code user.get}, {@code user.getMany}):
 * {@code {id, name, avatar, background_image, signature}}. {@code avatar} and
 * {@code background_image} may be relative paths ({@code /media/avatar/7.png}) that the gateway
 * makes absolute.
 */
public record Profile(long id, String name, String avatar, String backgroundImage, String signature) {
  /** Where the gateway serves the generated default avatars: {@code /media/avatar/<id>.png}. */
  public static final String AVATARS = "/media/avatar/";
  /** Where the gateway serves the generated default backgrounds: {@code /media/background/<id>.png}. */
  public static final String BACKGROUNDS = "/media/background/";

  /** The generated avatar of user {@code id}. */
  public static String defaultAvatar(long id) {
    return AVATARS + id + ".png";
  }

  /** The generated background of user {@code id}. */
  public static String defaultBackground(long id) {
    return BACKGROUNDS + id + ".png";
  }

  /** What can be shown of user {@code id} without the user domain: the id and the generated images. */
  public static Profile withoutUserDomain(long id) {
    return new Profile(id, "", defaultAvatar(id), defaultBackground(id), "");
  }

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("name", name).put("avatar", avatar)
        .put("background_image", backgroundImage).put("signature", signature);
  }

  static Profile fromJson(JsonObject json) {
    return new Profile(json.getLong("id"), json.getString("name", ""), json.getString("avatar", ""),
        json.getString("background_image", ""), json.getString("signature", ""));
  }
}
