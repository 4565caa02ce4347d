package verticles.gateway;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import verticles.support.Api.Reply;
import verticles.support.Clips;
import verticles.support.OneNodePerClass;
import verticles.support.Users;
import verticles.support.Users.Account;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every response of the 16 endpoints, and every User, Video, Comment, Message and FriendUser in
 * them, has exactly the fields of the API contract (docs/api.md) with their JSON types: no field
 * missing, none added.
 */
class ApiShapesIT extends OneNodePerClass {
  private enum Type { NUMBER, BOOLEAN, STRING, OBJECT, ARRAY }

  private static final Map<String, Type> USER = fields(
      "id", Type.NUMBER, "name", Type.STRING, "follow_count", Type.NUMBER, "follower_count", Type.NUMBER,
      "is_follow", Type.BOOLEAN, "avatar", Type.STRING, "background_image", Type.STRING, "signature", Type.STRING,
      "total_favorited", Type.NUMBER, "work_count", Type.NUMBER, "favorite_count", Type.NUMBER);
  private static final Map<String, Type> VIDEO = fields(
      "id", Type.NUMBER, "author", Type.OBJECT, "play_url", Type.STRING, "cover_url", Type.STRING,
      "favorite_count", Type.NUMBER, "comment_count", Type.NUMBER, "is_favorite", Type.BOOLEAN, "title", Type.STRING);
  private static final Map<String, Type> COMMENT = fields(
      "id", Type.NUMBER, "user", Type.OBJECT, "content", Type.STRING, "create_date", Type.STRING);
  private static final Map<String, Type> MESSAGE = fields(
      "id", Type.NUMBER, "to_user_id", Type.NUMBER, "from_user_id", Type.NUMBER, "content", Type.STRING,
      "create_time", Type.NUMBER);
  private static final Map<String, Type> FRIEND_USER = with(USER, fields("message", Type.STRING, "msgType", Type.NUMBER));

  @Test
  void everyObjectOfEveryEndpointHasExactlyTheContractsFields(@TempDir Path tmp) {
    Account author = Users.register(api, "shape");
    Account fan = Users.register(api, "shape");
    String authorId = Long.toString(author.id());
    String fanId = Long.toString(fan.id());

    String name = Users.uniqueName("shape");
    assertResponse(api.post("/douyin/user/register/", "username", name, "password", "secret123"),
        fields("user_id", Type.NUMBER, "token", Type.STRING));
    assertResponse(api.post("/douyin/user/login/", "username", name, "password", "secret123"),
        fields("user_id", Type.NUMBER, "token", Type.STRING));
    Path clip = Clips.mp4(tmp.resolve("clip.mp4"), 1);
    assertResponse(api.postMultipart("/douyin/publish/action/", MultipartForm.create().attribute("token", author.token())
        .attribute("title", "shapes").binaryFileUpload("data", "clip.mp4", clip.toString(), "video/mp4")), Map.of());
    for (Account[] pair : new Account[][] {{author, fan}, {fan, author}}) {
      assertResponse(api.post("/douyin/relation/action/", "token", pair[0].token(),
          "to_user_id", Long.toString(pair[1].id()), "action_type", "1"), Map.of());
    }
    Reply feed = api.get("/douyin/feed/", "token", fan.token());
    assertResponse(feed, fields("video_list", Type.ARRAY, "next_time", Type.NUMBER));
    String videoId = feed.body().getJsonArray("video_list").getJsonObject(0).getLong("id").toString();
    assertResponse(api.post("/douyin/favorite/action/", "token", fan.token(), "video_id", videoId, "action_type", "1"),
        Map.of());
    Reply posted = api.post("/douyin/comment/action/", "token", fan.token(), "video_id", videoId, "action_type", "1",
        "comment_text", "nice");
    assertResponse(posted, fields("comment", Type.OBJECT));
    assertResponse(api.post("/douyin/comment/action/", "token", fan.token(), "video_id", videoId, "action_type", "1",
        "comment_text", "again"), fields("comment", Type.OBJECT));
    assertResponse(api.post("/douyin/comment/action/", "token", fan.token(), "video_id", videoId, "action_type", "2",
        "comment_id", posted.body().getJsonObject("comment").getLong("id").toString()), Map.of());
    assertResponse(api.post("/douyin/message/action/", "token", fan.token(), "to_user_id", authorId, "action_type", "1",
        "content", "hello"), Map.of());

    Map<String, Type> videoList = fields("video_list", Type.ARRAY);
    Map<String, Type> userList = fields("user_list", Type.ARRAY);
    List<Reply> reads = List.of(
        feed,
        api.get("/douyin/feed/"),
        api.get("/douyin/feed/", "latest_time", Long.toString(System.currentTimeMillis() + 60_000)),
        api.get("/douyin/user/", "user_id", authorId, "token", fan.token()),
        api.get("/douyin/publish/list/", "user_id", authorId, "token", fan.token()),
        api.get("/douyin/favorite/list/", "user_id", fanId, "token", fan.token()),
        api.get("/douyin/comment/list/", "video_id", videoId, "token", fan.token()),
        api.get("/douyin/relation/follow/list/", "user_id", fanId, "token", fan.token()),
        api.get("/douyin/relation/follower/list/", "user_id", fanId),
        api.get("/douyin/relation/friend/list/", "user_id", authorId, "token", author.token()),
        api.get("/douyin/message/chat/", "token", author.token(), "to_user_id", fanId));
    List<Map<String, Type>> shapes = List.of(
        fields("video_list", Type.ARRAY, "next_time", Type.NUMBER),
        fields("video_list", Type.ARRAY, "next_time", Type.NUMBER),
        fields("video_list", Type.ARRAY, "next_time", Type.NUMBER),
        fields("user", Type.OBJECT), videoList, videoList, fields("comment_list", Type.ARRAY), userList, userList, userList,
        fields("message_list", Type.ARRAY));
    for (int i = 0; i < reads.size(); i++) {
      assertResponse(reads.get(i), shapes.get(i));
    }

    List<JsonObject> videos = new ArrayList<>();
    for (Reply read : List.of(reads.get(0), reads.get(1), reads.get(2), reads.get(4), reads.get(5))) {
      videos.addAll(objects(read.body().getJsonArray("video_list")));
    }
    assertEquals(5, videos.size(), "the one video in each of the five video lists");
    List<JsonObject> users = new ArrayList<>(List.of(reads.get(3).body().getJsonObject("user")));
    videos.forEach(video -> {
      assertShape("Video", VIDEO, video);
      users.add(video.getJsonObject("author"));
    });
    List<JsonObject> comments = objects(reads.get(6).body().getJsonArray("comment_list"));
    comments.add(posted.body().getJsonObject("comment"));
    comments.forEach(comment -> {
      assertShape("Comment", COMMENT, comment);
      users.add(comment.getJsonObject("user"));
    });
    users.addAll(objects(reads.get(7).body().getJsonArray("user_list")));
    users.addAll(objects(reads.get(8).body().getJsonArray("user_list")));
    users.forEach(user -> assertShape("User", USER, user));
    List<JsonObject> friends = objects(reads.get(9).body().getJsonArray("user_list"));
    friends.forEach(friend -> assertShape("FriendUser", FRIEND_USER, friend));
    List<JsonObject> messages = objects(reads.get(10).body().getJsonArray("message_list"));
    messages.forEach(message -> assertShape("Message", MESSAGE, message));
    assertEquals(List.of(2, 10, 1, 1), List.of(comments.size(), users.size(), friends.size(), messages.size()),
        "every kind of object was seen: comments, users, friends, messages");
  }

  @Test
  void aFailureCarriesEveryTopLevelFieldOfItsEndpointAtItsZeroValue() {
    Map<String, Type> account = fields("user_id", Type.NUMBER, "token", Type.STRING);
    Map<String, Type> feed = fields("video_list", Type.ARRAY, "next_time", Type.NUMBER);
    Map<String, Type> videoList = fields("video_list", Type.ARRAY);
    Map<String, Type> userList = fields("user_list", Type.ARRAY);
    Map<String, Type> none = Map.of();
    assertFailureResponse(api.post("/douyin/user/register/", "username", Users.uniqueName("shape")), account);
    assertFailureResponse(api.post("/douyin/user/register/", "username", "x".repeat(70_000), "password", "p"), account);
    assertFailureResponse(api.post("/douyin/user/login/", "username", "nobody", "password", "wrong-password"), account);
    Reply info = api.get("/douyin/user/", "user_id", "abc");
    assertFailureResponse(info, fields("user", Type.OBJECT));
    assertShape("User", USER, info.body().getJsonObject("user"));
    assertFailureResponse(api.get("/douyin/feed/", "latest_time", "-1"), feed);
    assertFailureResponse(api.postMultipart("/douyin/publish/action/", MultipartForm.create().attribute("title", "t")), none);
    assertFailureResponse(api.get("/douyin/publish/list/", "user_id", "x"), videoList);
    assertFailureResponse(api.post("/douyin/favorite/action/", "video_id", "1", "action_type", "1"), none);
    assertFailureResponse(api.get("/douyin/favorite/list/"), videoList);
    assertFailureResponse(api.post("/douyin/comment/action/", "video_id", "1", "action_type", "1"), none);
    assertFailureResponse(api.get("/douyin/comment/list/", "video_id", "0"), fields("comment_list", Type.ARRAY));
    assertFailureResponse(api.post("/douyin/relation/action/", "to_user_id", "1", "action_type", "1"), none);
    assertFailureResponse(api.get("/douyin/relation/follow/list/", "user_id", "-5"), userList);
    assertFailureResponse(api.get("/douyin/relation/follower/list/", "user_id", "99999999999999999999"), userList);
    assertFailureResponse(api.get("/douyin/relation/friend/list/"), userList);
    assertFailureResponse(api.post("/douyin/message/action/", "to_user_id", "1", "action_type", "1"), none);
    assertFailureResponse(api.get("/douyin/message/chat/", "to_user_id", "1"), fields("message_list", Type.ARRAY));
  }

  /** A failure: a non-zero code, the envelope and exactly {@code fields} besides it. */
  private static void assertFailureResponse(Reply reply, Map<String, Type> fields) {
    if (reply.code() == 0) {
      throw new AssertionError("expected a failure, got " + reply);
    }
    assertShape("failure", with(fields("status_code", Type.NUMBER, "status_msg", Type.STRING), fields), reply.body());
  }

  /** A success with the envelope and exactly {@code fields} besides it. */
  private static void assertResponse(Reply reply, Map<String, Type> fields) {
    assertEquals(0, reply.code(), reply.toString());
    assertShape("response", with(fields("status_code", Type.NUMBER, "status_msg", Type.STRING), fields), reply.body());
  }

  private static void assertShape(String what, Map<String, Type> fields, JsonObject object) {
    assertEquals(fields.keySet(), object.fieldNames(), what + " fields: " + object.encode());
    fields.forEach((field, type) -> assertEquals(type, typeOf(object.getValue(field)),
        what + "." + field + " type: " + object.encode()));
  }

  private static Type typeOf(Object value) {
    if (value instanceof Number) {
      return Type.NUMBER;
    }
    if (value instanceof Boolean) {
      return Type.BOOLEAN;
    }
    if (value instanceof String) {
      return Type.STRING;
    }
    if (value instanceof JsonObject) {
      return Type.OBJECT;
    }
    return value instanceof JsonArray ? Type.ARRAY : null;
  }

  private static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> objects = new ArrayList<>();
    array.forEach(item -> objects.add((JsonObject) item));
    return objects;
  }

  private static Map<String, Type> fields(Object... namesAndTypes) {
    Map<String, Type> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      fields.put((String) namesAndTypes[i], (Type) namesAndTypes[i + 1]);
    }
    return fields;
  }

  private static Map<String, Type> with(Map<String, Type> first, Map<String, Type> second) {
    Map<String, Type> both = new LinkedHashMap<>(first);
    both.putAll(second);
    return both;
  }
}
