package verticles.live;

import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicLong;

/** What the live push of a node has done, for /health (docs/realtime.md). */
final class LiveStats {
  final AtomicLong open = new AtomicLong();
  final AtomicLong videoRegistrations = new AtomicLong();
  final AtomicLong userRegistrations = new AtomicLong();
  final AtomicLong registered = new AtomicLong();
  final AtomicLong published = new AtomicLong();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong closedSlow = new AtomicLong();
  final AtomicLong closedIdle = new AtomicLong();
  final AtomicLong closedAbuse = new AtomicLong();

  JsonObject toJson() {
    return new JsonObject()
        .put("sockets", open.get())
        .put("video_registrations", videoRegistrations.get())
        .put("user_registrations", userRegistrations.get())
        .put("registrations_made", registered.get())
        .put("published", published.get())
        .put("sent", sent.get())
        .put("dropped", dropped.get())
        .put("closed_slow", closedSlow.get())
        .put("closed_idle", closedIdle.get())
        .put("closed_abuse", closedAbuse.get());
  }
}
