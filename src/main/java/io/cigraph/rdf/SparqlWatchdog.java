package io.cigraph.rdf;

import jakarta.servlet.ServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends every {@code /sparql} request that runs past the query timeout, whatever it is doing.
 * ARQ's own timeout stops a query's iterators, but not a Graph Store read, a result writer or a
 * client that stopped reading. So each request gets a {@link Deadline}: when it passes, the
 * request's abort actions run (the query execution's {@code abort}), and every later write to
 * the response and every step of a graph read fails, which closes the iterators on the way out.
 * Threads are never interrupted: an interrupt during file I/O closes TDB2's channels.
 */
final class SparqlWatchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SparqlWatchdog.class);

    private final Duration timeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sparql-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger running = new AtomicInteger();

    SparqlWatchdog(Duration timeout) {
        this.timeout = timeout;
    }

    Duration timeout() {
        return timeout;
    }

    /** Starts watching a request; closing the deadline ends the watch. */
    Deadline start(ServletRequest request) {
        Deadline deadline = new Deadline(System.nanoTime() + timeout.toNanos());
        running.incrementAndGet();
        deadline.expiry = timer.schedule(deadline::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        request.setAttribute(Deadline.ATTRIBUTE, deadline);
        return deadline;
    }

    /** How many {@code /sparql} requests are running now. */
    int running() {
        return running.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The time a request must end by, and what ends it then. */
    final class Deadline implements AutoCloseable {

        static final String ATTRIBUTE = Deadline.class.getName();

        private final long endNanos;
        private final List<Runnable> aborts = new CopyOnWriteArrayList<>();
        private volatile boolean expired;
        private volatile ScheduledFuture<?> expiry;
        private boolean closed;

        private Deadline(long endNanos) {
            this.endNanos = endNanos;
        }

        /** The request's deadline, or null outside a watched request. */
        static Deadline of(ServletRequest request) {
            return request.getAttribute(ATTRIBUTE) instanceof Deadline d ? d : null;
        }

        boolean passed() {
            return expired || System.nanoTime() - endNanos > 0;
        }

        /** Runs {@code abort} when the deadline passes, at once if it has. */
        void onExpiry(Runnable abort) {
            aborts.add(abort);
            if (expired) {
                abort.run();
            }
        }

        Duration timeout() {
            return timeout;
        }

        private void expire() {
            expired = true;
            LOG.warn("A /sparql request ran past its {} ms timeout and is being stopped", timeout.toMillis());
            for (Runnable abort : aborts) {
                try {
                    abort.run();
                } catch (RuntimeException e) {
                    LOG.warn("Stopping a /sparql request failed: {}", e.toString());
                }
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                expiry.cancel(false);
                running.decrementAndGet();
            }
        }
    }
}
