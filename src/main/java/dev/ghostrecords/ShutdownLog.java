package dev.ghostrecords;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGTERM or Ctrl-C: says that the service is stopping, and when it has stopped (an operator's "did it finish?"). */
final class ShutdownLog extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger("ghost-records");

    private long stopping;

    @Override
    public void beforeStop(BaseMainSupport main) {
        stopping = System.nanoTime();
        LOG.info("ghost-records shutting down: in-flight work finishes (at most {} s), then the database closes",
                main.configure().getShutdownTimeout());
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        LOG.info("ghost-records stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
    }
}
