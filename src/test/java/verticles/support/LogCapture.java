package verticles.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Keeps what one logger writes while open, for tests that check what was logged. */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> source) {
    this.logger = (Logger) LoggerFactory.getLogger(source);
    appender.start();
    logger.addAppender(appender);
  }

  public static LogCapture of(Class<?> source) {
    return new LogCapture(source);
  }

  /** The messages logged so far, formatted. */
  public List<String> messages() {
    synchronized (appender) {
      return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** Whether a message logged so far contains every one of {@code parts}. */
  public boolean has(String... parts) {
    return messages().stream().anyMatch(m -> List.of(parts).stream().allMatch(m::contains));
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
  }
}
