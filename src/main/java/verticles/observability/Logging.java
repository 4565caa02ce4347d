package verticles.observability;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;
import verticles.common.config.Config;
import verticles.common.config.ConfigException;
import verticles.common.config.Setting;

import java.net.URL;

/**
 * The log format ({@code log_format}): logback starts with {@code logback.xml}, text lines (so
 * the lines before the configuration is read are text), and is configured again from
 * {@code logback-json.xml} when the configuration asks for JSON lines.
 */
public final class Logging {
  private static final String JSON = "logback-json.xml";

  private Logging() {
  }

  public static void configure(Config config) {
    if (!config.string(Setting.LOG_FORMAT).equals("json")
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    URL xml = Logging.class.getClassLoader().getResource(JSON);
    if (xml == null) {
      throw new ConfigException(JSON + " is missing from the class path");
    }
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(xml);
    } catch (JoranException e) {
      throw new ConfigException("cannot configure logging: " + e.getMessage());
    }
  }
}
