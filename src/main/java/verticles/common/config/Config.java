package verticles.common.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import verticles.common.Causes;
import verticles.common.PageRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Vertok's configuration: built-in defaults, then an optional JSON file, then {@code VERTOK_*}
 * environment variables; later sources override earlier ones. Every value is validated when the
 * configuration is built, so a bad value stops startup with one line naming the key.
 *
 * <p>A {@code Config} is also what verticles receive as their deployment config ({@link #json()}):
 * {@link #of(JsonObject)} reads it back.
 */
public final class Config {
  /** Shortest {@code jwt_secret} accepted (when one is set). */
  public static final int MIN_JWT_SECRET_LENGTH = 32;

  private static final String DEFAULTS = "conf/vertok.json";
  private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");
  /** The log formats: lines for people, or one JSON object a line for log shippers. */
  public static final List<String> LOG_FORMATS = List.of("text", "json");
  /** The values of {@code moderation_action}: refuse text with a listed word, or store it with the word masked. */
  public static final List<String> MODERATION_ACTIONS = List.of("refuse", "mask");
  /** How a clustered node finds the others: the {@code cluster_members} list, or a Kubernetes headless Service's DNS name. */
  public static final List<String> CLUSTER_DISCOVERIES = List.of("tcp", "kubernetes-dns");

  private final JsonObject values;

  private Config(JsonObject values) {
    this.values = values;
  }

  /** Loads defaults, the optional file and the environment, then validates. */
  public static Config load(Path file, Map<String, String> env) {
    JsonObject merged = defaults();
    if (file != null) {
      merge(merged, readFile(file), "in " + file);
    }
    JsonObject fromEnv = new JsonObject();
    env.forEach((name, value) -> {
      if (name.startsWith("VERTOK_")) {
        fromEnv.put(settingForEnv(name).key(), value);
      }
    });
    merge(merged, fromEnv, "in the environment");
    return validated(merged);
  }

  /** Defaults plus the given overrides (keys as in a config file); used by tests and tools. */
  public static Config withOverrides(JsonObject overrides) {
    JsonObject merged = defaults();
    merge(merged, overrides, "in the overrides");
    return validated(merged);
  }

  /** Reads back a configuration passed to a verticle. */
  public static Config of(JsonObject json) {
    return new Config(json.copy());
  }

  public JsonObject json() {
    return values.copy();
  }

  /** This configuration with one setting changed (a command-line flag over the files and environment). */
  public Config with(Setting setting, Object value) {
    JsonObject copy = values.copy();
    copy.put(setting.key(), value);
    return validated(copy);
  }

  public String string(Setting setting) {
    Object value = values.getValue(setting.key());
    return value == null ? "" : value.toString().trim();
  }

  public int integer(Setting setting) {
    return parseInt(setting, values.getValue(setting.key()));
  }

  /** A {@link Setting.Type#HOST_NAMES} setting: its names in lower case, IPv6 addresses without brackets. */
  public List<String> hostNames(Setting setting) {
    return parseHostNames(setting, values.getValue(setting.key()));
  }

  public boolean bool(Setting setting) {
    return parseBoolean(setting, values.getValue(setting.key()));
  }

  public double ratio(Setting setting) {
    return parseRatio(setting, values.getValue(setting.key()));
  }

  /** Production mode: a real database (MariaDB/MySQL) is configured. */
  public boolean production() {
    return !string(Setting.DB_URL).isEmpty();
  }

  public ZoneId timeZone() {
    String zone = string(Setting.TIME_ZONE);
    return zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone);
  }

  private static JsonObject defaults() {
    try (InputStream in = Config.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new ConfigException("built-in defaults " + DEFAULTS + " are missing from the class path");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ConfigException("cannot read built-in defaults: " + e.getMessage());
    }
  }

  private static JsonObject readFile(Path file) {
    try {
      return new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    } catch (DecodeException e) {
      throw new ConfigException("config file " + file + " is not a JSON object: " + Causes.firstLine(e.getMessage()));
    }
  }

  private static Setting settingForEnv(String name) {
    for (Setting s : Setting.values()) {
      if (s.envName().equals(name)) {
        return s;
      }
    }
    throw new ConfigException("unknown setting " + name + " in the environment (see docs/configuration.md)");
  }

  private static void merge(JsonObject into, JsonObject from, String where) {
    for (String key : from.fieldNames()) {
      Setting setting;
      try {
        setting = Setting.valueOf(key.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("unknown setting '" + key + "' " + where + " (see docs/configuration.md)");
      }
      if (!setting.key().equals(key)) {
        throw new ConfigException("setting '" + key + "' " + where + " must be written '" + setting.key() + "'");
      }
      into.put(key, from.getValue(key));
    }
  }

  private static Config validated(JsonObject values) {
    for (Setting setting : Setting.values()) {
      Object value = values.getValue(setting.key());
      switch (setting.type()) {
        case POSITIVE_INT, NON_NEGATIVE_INT -> parseInt(setting, value);
        case PORT -> parseInt(setting, value);
        case BOOLEAN -> parseBoolean(setting, value);
        case HOST_NAMES -> parseHostNames(setting, value);
        case RATIO -> parseRatio(setting, value);
        case STRING -> {
          if (value != null && !(value instanceof String)) {
            throw new ConfigException(setting.key() + " must be a string, got " + value);
          }
        }
      }
    }
    Config config = new Config(values);
    int secretLength = config.string(Setting.JWT_SECRET).length();
    if (secretLength > 0 && secretLength < MIN_JWT_SECRET_LENGTH) {
      throw new ConfigException("jwt_secret must be at least " + MIN_JWT_SECRET_LENGTH
          + " characters (or unset, to have a random one generated in data_dir)");
    }
    if (config.integer(Setting.UPLOAD_INFLIGHT_MB) < config.integer(Setting.UPLOAD_LIMIT_MB)) {
      throw new ConfigException("upload_inflight_mb must be at least upload_limit_mb ("
          + config.integer(Setting.UPLOAD_LIMIT_MB) + "), got " + config.integer(Setting.UPLOAD_INFLIGHT_MB));
    }
    if (config.integer(Setting.LIST_DEFAULT_CAP) > PageRequest.MAX_LIMIT) {
      throw new ConfigException("list_default_cap must be between 1 and " + PageRequest.MAX_LIMIT + ", got "
          + config.integer(Setting.LIST_DEFAULT_CAP));
    }
    try {
      config.timeZone();
    } catch (DateTimeException e) {
      throw new ConfigException("time_zone '" + config.string(Setting.TIME_ZONE) + "' is not a known time zone");
    }
    oneOf(config, Setting.LOG_FORMAT, LOG_FORMATS);
    oneOf(config, Setting.CLUSTER_DISCOVERY, CLUSTER_DISCOVERIES);
    oneOf(config, Setting.MODERATION_ACTION, MODERATION_ACTIONS);
    if (config.string(Setting.CLUSTER_DISCOVERY).equals("kubernetes-dns") && config.string(Setting.CLUSTER_SERVICE_DNS).isEmpty()) {
      throw new ConfigException("cluster_discovery kubernetes-dns needs cluster_service_dns, the DNS name of the headless Service");
    }
    return config;
  }

  private static void oneOf(Config config, Setting setting, List<String> allowed) {
    if (!allowed.contains(config.string(setting))) {
      throw new ConfigException(setting.key() + " must be one of " + allowed + ", got '" + config.string(setting) + "'");
    }
  }

  private static int parseInt(Setting setting, Object value) {
    long n;
    if (value instanceof Number number && number.doubleValue() == number.longValue()) {
      n = number.longValue();
    } else if (value instanceof String s) {
      try {
        n = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(setting.key() + " must be a whole number, got '" + s + "'");
      }
    } else {
      throw new ConfigException(setting.key() + " must be a whole number, got " + value);
    }
    long min = setting.type() == Setting.Type.POSITIVE_INT ? 1 : 0;
    long max = setting.type() == Setting.Type.PORT ? 65535 : Integer.MAX_VALUE;
    if (n < min || n > max) {
      throw new ConfigException(setting.key() + " must be between " + min + " and " + max + ", got " + n);
    }
    return (int) n;
  }

  private static List<String> parseHostNames(Setting setting, Object value) {
    if (value != null && !(value instanceof String)) {
      throw new ConfigException(setting.key() + " must be a string, got " + value);
    }
    List<String> names = new ArrayList<>();
    for (String part : value == null ? new String[0] : ((String) value).split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (name.startsWith("[") && name.endsWith("]")) {
        name = name.substring(1, name.length() - 1);
      }
      if (name.isEmpty()) {
        continue;
      }
      if (!HOST_NAME.matcher(name).matches() && !IPV6.matcher(name).matches()) {
        throw new ConfigException(setting.key() + ": '" + part.trim()
            + "' is not a host name or IP address (no scheme, port or path; separate names with commas)");
      }
      names.add(name);
    }
    return names;
  }

  private static double parseRatio(Setting setting, Object value) {
    double d;
    if (value instanceof Number number) {
      d = number.doubleValue();
    } else if (value instanceof String s) {
      try {
        d = Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(setting.key() + " must be a number from 0 to 1, got '" + s + "'");
      }
    } else {
      throw new ConfigException(setting.key() + " must be a number from 0 to 1, got " + value);
    }
    if (!(d >= 0 && d <= 1)) {
      throw new ConfigException(setting.key() + " must be a number from 0 to 1, got " + value);
    }
    return d;
  }

  private static boolean parseBoolean(Setting setting, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.trim().equalsIgnoreCase("true") || s.trim().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s.trim());
    }
    throw new ConfigException(setting.key() + " must be true or false, got " + value);
  }
}
