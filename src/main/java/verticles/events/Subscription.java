package verticles.events;

import java.util.List;

/**
 * A consumer of domain events: its name (its queue is {@code <prefix>.events.<name>}) and the
 * topic patterns of the event types it receives ({@code favorite.*}; {@code *} is one word,
 * {@code #} any). The list of subscriptions is declared here, in one place, because the relay
 * declares every queue before it publishes (a message routed to no queue would be confirmed and lost).
 */
public record Subscription(String name, List<String> patterns) {
  /** The hot ranking of the video domain: likes and comments. */
  public static final Subscription HOT = new Subscription("hot", List.of("favorite.*", "comment.*"));

  /** The recommend domain's state: likes, follows and new videos (the video domain's one event). */
  public static final Subscription RECOMMEND = new Subscription("recommend", List.of("favorite.*", "relation.*", "video.*"));

  /**
   * The live push of the gateways (docs/realtime.md): comments, danmaku, messages and what changes
   * a video's counts. Its events are for the moment ({@link #ephemeral}).
   */
  public static final Subscription LIVE = new Subscription("live", List.of("favorite.*", "comment.*", "message.*"));

  public static final List<Subscription> ALL = List.of(HOT, RECOMMEND, LIVE);

  /**
   * Whether this subscription's events are worth something only for a moment: while nobody consumes
   * them (no gateway is up) they are dropped rather than held, and the broker keeps them briefly.
   */
  public boolean ephemeral() {
    return name.equals(LIVE.name);
  }

  /** Whether this subscription receives events of {@code type}, with the broker's topic rules. */
  public boolean receives(String type) {
    return patterns.stream().anyMatch(p -> matches(p.split("\\."), 0, type.split("\\."), 0));
  }

  private static boolean matches(String[] pattern, int p, String[] words, int w) {
    if (p == pattern.length) {
      return w == words.length;
    }
    if (pattern[p].equals("#")) {
      for (int rest = w; rest <= words.length; rest++) {
        if (matches(pattern, p + 1, words, rest)) {
          return true;
        }
      }
      return false;
    }
    return w < words.length && (pattern[p].equals("*") || pattern[p].equals(words[w])) && matches(pattern, p + 1, words, w + 1);
  }
}
