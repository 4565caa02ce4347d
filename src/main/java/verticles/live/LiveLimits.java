package verticles.live;

import verticles.common.config.Config;
import verticles.common.config.Setting;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bounds of the live push (docs/realtime.md, docs/configuration.md): the origins allowed to
 * open a socket, the sockets of a node, per user and per address on it, the videos one socket watches,
 * the pushes per second a socket gets (beyond, at most {@code pendingMax} wait and the oldest are
 * dropped), the bytes waiting to be written before a socket is closed as too slow, the operations
 * per second a client may send, the heartbeat and the idle timeout, and the largest frame and
 * message a client may send.
 */
public record LiveLimits(Set<String> origins, int socketsMax, int socketsPerUser, int socketsPerIp, int watchMax, int ratePerSecond,
                         int pendingMax, int writeQueueBytes, int opsPerSecond, long pingMs, long idleTimeoutMs,
                         int frameBytes) {
  /** Any origin: {@code live_origins} is {@code *}. */
  public static final String ANY_ORIGIN = "*";

  public static LiveLimits of(Config config) {
    Set<String> origins = Arrays.stream(config.string(Setting.LIVE_ORIGINS).split(","))
        .map(String::trim).filter(o -> !o.isEmpty()).collect(Collectors.toUnmodifiableSet());
    return new LiveLimits(origins, config.integer(Setting.LIVE_SOCKETS_MAX), config.integer(Setting.LIVE_SOCKETS_PER_USER), config.integer(Setting.LIVE_SOCKETS_PER_IP),
        config.integer(Setting.LIVE_WATCH_MAX), config.integer(Setting.LIVE_RATE_PER_SECOND),
        config.integer(Setting.LIVE_PENDING_MAX), config.integer(Setting.LIVE_WRITE_QUEUE_KB) * 1024,
        config.integer(Setting.LIVE_OPS_PER_SECOND), config.integer(Setting.LIVE_PING_MS),
        config.integer(Setting.LIVE_IDLE_TIMEOUT_MS), config.integer(Setting.LIVE_FRAME_BYTES));
  }
}
