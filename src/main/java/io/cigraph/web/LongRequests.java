package io.cigraph.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests whose length the caller decides (SPARQL and Cypher queries, saved questions, exports,
 * imports and retractions) hold at most {@code slots} of the request threads at once. Each holds its
 * thread until it ends, up to a query's timeout, so without a bound as many slow queries as there
 * are threads would stop every other request for that long, health probes included; with it, the
 * rest of the threads stay for the entity, search and path reads that the explorer and probes make.
 * A request that finds every slot taken waits at most {@code wait} for one (the queries of a busy
 * minute take milliseconds, and one frees soon), then is answered 503 {@code too-many-long-requests}
 * with {@code Retry-After}. An export streams its answer after the request's thread returns: its
 * slot is given back when the answer ends.
 */
final class LongRequests extends OncePerRequestFilter {

    static final String SETTING = "cigraph.web.long-requests.slots";
    static final String TYPE = "too-many-long-requests";
    private static final String RETRY_AFTER = "2";

    private final Semaphore slots;
    private final int limit;
    private final Duration wait;

    LongRequests(int limit, Duration wait) {
        this.limit = limit;
        this.slots = new Semaphore(limit, true);
        this.wait = wait;
    }

    int limit() {
        return limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isLong(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean taken;
        try {
            taken = slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            refuse(response);
            return;
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                slots.release();
            }
        };
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Releasing(release));
            } else {
                release.run();
            }
        }
    }

    /**
     * Queries, exports and the writes; not the reads of the import ledger, nor a preflight. Paths
     * are those the filter is registered for, so only the method is left to look at.
     */
    private static boolean isLong(HttpServletRequest request) {
        String method = request.getMethod();
        if ("OPTIONS".equals(method)) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean write = path.startsWith("/api/imports") || path.startsWith("/api/sources");
        return !write || !("GET".equals(method) || "HEAD".equals(method));
    }

    private void refuse(HttpServletResponse response) throws IOException {
        ProblemDetail p = ProblemDetailsAdvice.problem(HttpStatus.SERVICE_UNAVAILABLE, TYPE, "Too many long requests", limit
                + " queries, exports or imports are running already, as many as this service runs at once (" + SETTING
                + "): try again in a few seconds.");
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", RETRY_AFTER);
        response.setContentType("application/problem+json");
        byte[] body = ErrorResponses.json(p).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Gives the slot back when a streamed answer ends, however it ends. */
    private record Releasing(Runnable release) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}
