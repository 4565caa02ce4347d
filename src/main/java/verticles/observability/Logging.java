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
 * The log format ({@code log_format}): logback starts in text (lines before the configuration is
 * read are text), and is configured again from the same {@code logback.xml} with JSON lines when
 * the configuration asks for them.
 */
public final class Logging {
  private static final String PROPERTY = "LOG_FORMAT";
  private static final String DEFAULT = "text";

  private Logging() {
  }

  public static void configure(Config config) {
    String format = config.string(Setting.LOG_FORMAT);
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    String current = context.getProperty(PROPERTY);
    if (format.equals(current == null ? DEFAULT : current)) {
      return;
    }
    URL xml = Logging.class.getClassLoader().getResource("logback.xml");
    if (xml == null) {
      throw new ConfigException("logback.xml is missing from the class path");
    }
    context.reset();
    context.putProperty(PROPERTY, format);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(xml);
    } catch (JoranException e) {
      throw new ConfigException("cannot configure logging: " + e.getMessage());
    }
  }
}
