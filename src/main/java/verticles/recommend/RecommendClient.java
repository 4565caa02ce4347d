package verticles.recommend;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import verticles.common.bus.BusClient;
import verticles.common.bus.Replies;

import java.util.List;

/** The recommend domain, for the gateway: one method per operation of docs/eventbus.md, over the {@link BusClient}. */
public final class RecommendClient {
  /** The reads internal tools may call on the bridge (a viewer's page is theirs only: none). */
  public static final List<String> READS = List.of();

  /** A recommended page: the video ids, in order, and the number of the next page (what anonymous viewers page by). */
  public record Page(List<Long> videoIds, long nextPage) {
  }

  private final BusClient bus;

  public RecommendClient(BusClient bus) {
    this.bus = bus;
  }

  /**
   * {@code recommend.page}: at most {@code limit} videos for {@code viewerId} (0: anonymous, who
   * pages through the cold-start pages by their {@code number}, 0 the first). A viewer's page is
   * recorded as shown to them before it is answered, so their next page, on any node, has none
   * of it (a request tried again may record a page the viewer never got: its videos are then
   * held back for the day).
   */
  public Future<Page> page(long viewerId, long number, int limit) {
    return bus.requestIdempotent(RecommendAddresses.PAGE,
            new JsonObject().put("viewer_id", viewerId).put("page", number).put("limit", limit))
        .map(reply -> new Page(Replies.ids(reply, "video_ids"), reply.getLong("next_page")));
  }
}
