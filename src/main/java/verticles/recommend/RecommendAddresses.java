package verticles.recommend;

/** The recommend domain's event-bus addresses (docs/eventbus.md); other packages use them through {@link RecommendClient}. */
final class RecommendAddresses {
  static final String PAGE = "recommend.page";

  private RecommendAddresses() {
  }
}
