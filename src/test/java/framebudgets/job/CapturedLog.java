package framebudgets.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects the WARN (and worse) messages of one logger while open, through log4j2 (the backend
 * Spark brings behind slf4j), so a test can assert that a run warned a person.
 */
final class CapturedLog extends AbstractAppender implements AutoCloseable {
    private final Logger logger;
    private final List<String> warnings = new ArrayList<>();

    private CapturedLog(Logger logger) {
        super("captured-" + logger.getName(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    static CapturedLog of(String loggerName) {
        CapturedLog log = new CapturedLog((Logger) LogManager.getLogger(loggerName));
        log.start();
        log.logger.addAppender(log);
        return log;
    }

    @Override
    public synchronized void append(LogEvent event) {
        if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
            warnings.add(event.getMessage().getFormattedMessage());
        }
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
