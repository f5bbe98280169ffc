package dev.ghostrecords;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SIGTERM or Ctrl-C: says that the service is stopping, and when it has stopped (an operator's "did it finish?"). */
final class ShutdownLog extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger("ghost-records");

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long stopping;

    @Override
    public void beforeStart(BaseMainSupport main) {
        // on SIGTERM the JVM halts once its shutdown hooks are done, which may be before the main
        // thread gets to afterStop: this hook holds the JVM until the last line is written. Added
        // before the start: a SIGTERM just as the start ends finds it there (adding a hook once the
        // JVM shuts down fails)
        long wait = main.configure().getShutdownTimeout() + 10L;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CamelContext context = main.getCamelContext();
            // a start refused by a setting has no stop to wait for
            if (context == null || !(context.isStarting() || context.isStarted() || context.isStopping())) {
                return;
            }
            try {
                stopped.await(wait, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ghost-records-shutdown-log"));
    }

    @Override
    public void beforeStop(BaseMainSupport main) {
        stopping = System.nanoTime();
        LOG.info("ghost-records shutting down: in-flight work finishes (at most {} s), then the database closes",
                main.configure().getShutdownTimeout());
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        LOG.info("ghost-records stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
        stopped.countDown();
    }
}
