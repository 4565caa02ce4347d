package verticles.common.config;

import java.util.Locale;

/**
 * Every configuration key. The key in a JSON config file is the lower-case name
 * ({@code http_port}); the environment variable is {@code VERTOK_} plus the upper-case name
 * ({@code VERTOK_HTTP_PORT}). Defaults live in {@code src/main/resources/conf/vertok.json};
 * docs/configuration.md describes each key.
 */
public enum Setting {
  HTTP_HOST(Type.STRING),
  HTTP_PORT(Type.PORT),
  PUBLIC_BASE_URL(Type.STRING),
  ALLOWED_HOSTS(Type.HOST_NAMES),
  CORS_ORIGINS(Type.STRING),
  DATA_DIR(Type.STRING),
  DB_URL(Type.STRING),
  DB_POOL_SIZE(Type.POSITIVE_INT),
  DB_WAIT_SECONDS(Type.NON_NEGATIVE_INT),
  JWT_SECRET(Type.STRING),
  JWT_TTL_MINUTES(Type.POSITIVE_INT),
  BCRYPT_COST(Type.POSITIVE_INT),
  TIME_ZONE(Type.STRING),
  ROLES(Type.STRING),
  GATEWAY_INSTANCES(Type.POSITIVE_INT),
  DOMAIN_INSTANCES(Type.POSITIVE_INT),
  BUS_TIMEOUT_MS(Type.POSITIVE_INT),
  BUS_SLOW_TIMEOUT_MS(Type.POSITIVE_INT),
  BREAKER_TIMEOUT_MS(Type.POSITIVE_INT),
  BREAKER_MAX_FAILURES(Type.POSITIVE_INT),
  BREAKER_RESET_MS(Type.POSITIVE_INT),
  CLUSTER_NAME(Type.STRING),
  CLUSTER_MEMBERS(Type.STRING),
  CLUSTER_HOST(Type.STRING),
  CLUSTER_PORT(Type.PORT),
  CLUSTER_DISCOVERY(Type.STRING),
  CLUSTER_SERVICE_DNS(Type.STRING),
  EVENTBUS_PORT(Type.PORT),
  UPLOAD_LIMIT_MB(Type.POSITIVE_INT),
  UPLOAD_MAX_PER_USER(Type.POSITIVE_INT),
  UPLOAD_INFLIGHT_MB(Type.POSITIVE_INT),
  HTTP_IDLE_TIMEOUT_MS(Type.POSITIVE_INT),
  HTTP_HEADER_TIMEOUT_MS(Type.POSITIVE_INT),
  HTTP_BODY_MIN_RATE(Type.POSITIVE_INT),
  HTTP_BODY_RATE_WINDOW_MS(Type.POSITIVE_INT),
  HTTP_MAX_CONNECTIONS_PER_IP(Type.POSITIVE_INT),
  MEDIA_WORKERS(Type.POSITIVE_INT),
  MEDIA_MAX_SIDE_PX(Type.POSITIVE_INT),
  MEDIA_MAX_PIXELS(Type.POSITIVE_INT),
  MEDIA_MAX_SECONDS(Type.POSITIVE_INT),
  MEDIA_MAX_FPS(Type.POSITIVE_INT),
  MEDIA_TRANSCODERS(Type.NON_NEGATIVE_INT),
  RENDITION_MAX_HEIGHT(Type.POSITIVE_INT),
  RENDITION_MAX_KBPS(Type.POSITIVE_INT),
  QINIU_ACCESS_KEY(Type.STRING),
  QINIU_SECRET_KEY(Type.STRING),
  QINIU_BUCKET(Type.STRING),
  QINIU_DOMAIN(Type.STRING),
  QINIU_UPLOAD_HOST(Type.STRING),
  QINIU_RS_HOST(Type.STRING),
  BRIDGE_HOST(Type.STRING),
  BRIDGE_PORT(Type.PORT),
  TRACING(Type.BOOLEAN),
  TRACING_SAMPLER_RATIO(Type.RATIO),
  TRACING_ENDPOINT(Type.STRING),
  METRICS(Type.BOOLEAN),
  METRICS_HOST(Type.STRING),
  METRICS_PORT(Type.PORT),
  METRICS_ON_GATEWAY(Type.BOOLEAN),
  ACCESS_LOG(Type.BOOLEAN),
  LOG_FORMAT(Type.STRING),
  FEED_CACHE_MS(Type.NON_NEGATIVE_INT),
  RABBITMQ_URL(Type.STRING),
  RABBITMQ_PREFIX(Type.STRING),
  EVENTS_BATCH(Type.POSITIVE_INT),
  EVENTS_POLL_MS(Type.POSITIVE_INT),
  HOT_HALF_LIFE_MINUTES(Type.POSITIVE_INT),
  HOT_REFRESH_MS(Type.NON_NEGATIVE_INT),
  MODERATION_WORDS_FILE(Type.STRING),
  MODERATION_DEFAULT_WORDS(Type.BOOLEAN),
  MODERATION_ACTION(Type.STRING),
  DEMO(Type.BOOLEAN);

  /** The value types a setting can have; each knows how to read a string form (RATIO: a number from 0 to 1). */
  public enum Type {
    STRING, POSITIVE_INT, NON_NEGATIVE_INT, PORT, BOOLEAN, RATIO,
    /** A comma-separated list of host names or IP addresses, without scheme or port. */
    HOST_NAMES
  }

  private final Type type;

  Setting(Type type) {
    this.type = type;
  }

  public Type type() {
    return type;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String envName() {
    return "VERTOK_" + name();
  }
}
