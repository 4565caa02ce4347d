package verticles.media;

/** Node-local addresses of the media worker (docs/eventbus.md); the gateway uses them through {@link MediaClient}. */
final class MediaAddresses {
  /** {@code {file}} → {@code {play_url, cover_url, storage, video_key, cover_key}}. */
  static final String STORE = "media.store";
  /** {@code {video_key, cover_key}} → {@code {}}: removes what {@code media.store} stored. */
  static final String DISCARD = "media.discard";
  /** {@code {}} → this node's rendition jobs: transport, broker, dead letters, jobs by state (for /health). */
  static final String RENDITIONS = "media.renditions";

  private MediaAddresses() {
  }
}
