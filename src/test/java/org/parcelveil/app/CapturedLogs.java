package org.parcelveil.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log line (message, arguments and stack traces) while open, at DEBUG and above. */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final List<String> lines = new ArrayList<>();
  private final List<Line> records = new ArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger ours = (Logger) LoggerFactory.getLogger("org.parcelveil");
  private final Level rootLevel = root.getLevel();
  private final Level ourLevel = ours.getLevel();

  public CapturedLogs() {
    setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    start();
    root.addAppender(this);
    root.setLevel(Level.INFO);
    ours.setLevel(Level.DEBUG);
  }

  @Override
  protected synchronized void append(ILoggingEvent e) {
    String line = e.getLoggerName() + " " + e.getFormattedMessage();
    if (e.getThrowableProxy() != null) {
      line += "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy());
    }
    lines.add(line);
    records.add(new Line(line, e.getThreadName(), e.getMDCPropertyMap().get("requestId")));
  }

  /** A captured line with the thread that logged it and the request id in its logging context (null if none). */
  public record Line(String text, String thread, String requestId) {}

  public synchronized List<Line> records() {
    return List.copyOf(records);
  }

  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    root.setLevel(rootLevel);
    ours.setLevel(ourLevel);
    stop();
  }
}
