package io.cigraph.rdf;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.coyote.CloseNowException;

/**
 * The response Fuseki writes to, turning its errors into problem details and holding it to the
 * request's deadline. Fuseki answers an error by setting a status of 400 or more and writing the
 * message as {@code text/plain}; from that status on, this wrapper keeps the message instead of
 * sending it, ignores the plain-text headers, and {@link #finish} sends the problem. Output
 * already committed cannot be turned into an error: a timeout in the middle of a streamed answer
 * closes the connection. Every write before that fails once the deadline has passed, which is how a
 * result writer stuck on a slow client, or running past the timeout, is stopped.
 */
final class ProblemResponse extends HttpServletResponseWrapper {

    private final SparqlWatchdog.Deadline deadline;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private int errorStatus;
    private boolean cut;
    private ServletOutputStream guarded;
    private PrintWriter writer;

    ProblemResponse(HttpServletResponse response, SparqlWatchdog.Deadline deadline) {
        super(response);
        this.deadline = deadline;
    }

    @Override
    public void setStatus(int sc) {
        if (sc >= 400 && isCommitted()) {
            cut = true;
        } else if (sc >= 400) {
            errorStatus = sc;
            message.reset();
        } else if (sc < 400) {
            errorStatus = 0;
            super.setStatus(sc);
        }
    }

    @Override
    public void sendError(int sc, String msg) {
        setStatus(sc);
        if (errorStatus != 0 && msg != null) {
            message.writeBytes(msg.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void sendError(int sc) {
        setStatus(sc);
    }

    @Override
    public void setContentType(String type) {
        if (errorStatus == 0) {
            super.setContentType(type);
        }
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (errorStatus == 0) {
            super.setCharacterEncoding(charset);
        }
    }

    @Override
    public void setContentLength(int len) {
        if (errorStatus == 0) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (errorStatus == 0) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        // After a cut too: the error message must not be appended to the answer already sent.
        if (errorStatus != 0 || cut) {
            return new Capture();
        }
        if (guarded == null) {
            guarded = new Guarded(super.getOutputStream());
        }
        return guarded;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
        }
        return writer;
    }

    /**
     * Sends the problem for an error status set before the response was committed. An error after
     * that (a timeout, a failed write) closes the connection at once: the client sees an answer
     * that ends early rather than a short one that looks whole, as a Turtle or N-Triples answer
     * cut between two statements would.
     */
    void finish(HttpServletRequest request) throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (cut) {
            throw new CloseNowException("The answer to " + request.getRequestURI() + " was cut after it had started");
        }
        if (errorStatus == 0 || isCommitted()) {
            return;
        }
        SparqlProblem problem = SparqlProblem.recorded(request, errorStatus);
        if (problem == null) {
            problem = deadline.passed()
                    ? SparqlProblem.timeout(deadline.timeout())
                    : SparqlProblem.fromStatus(errorStatus, message.toString(StandardCharsets.UTF_8), deadline.timeout());
        }
        byte[] body = problem.json(request.getRequestURI());
        resetBuffer();
        super.setStatus(problem.status());
        super.setContentType(SparqlProblem.MEDIA_TYPE);
        super.setCharacterEncoding("UTF-8");
        super.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            ServletOutputStream out = super.getOutputStream();
            out.write(body);
            out.flush();
        }
    }

    /** Keeps an error message for the problem's detail. */
    private final class Capture extends ServletOutputStream {

        @Override
        public void write(int b) {
            message.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            message.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("blocking output only");
        }
    }

    /** The real output, refusing writes once the deadline has passed. */
    private final class Guarded extends ServletOutputStream {

        private final ServletOutputStream out;

        Guarded(ServletOutputStream out) {
            this.out = out;
        }

        private void check() throws IOException {
            if (deadline.passed()) {
                throw new IOException("The answer ran past the " + deadline.timeout().toMillis() + " ms timeout and was cut");
            }
        }

        @Override
        public void write(int b) throws IOException {
            check();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check();
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            check();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
