package io.cigraph.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report as problem details. Tomcat answers some requests itself, before any
 * servlet: a path it cannot decode or normalise ({@code /%}, {@code /a%00b}, {@code /..;/}) or
 * one outside every context. Its own valve writes those as an HTML page with the server's
 * version; this one writes the same JSON as every other error. It takes the place of Tomcat's on
 * the host (see {@link WebErrorConfiguration}).
 */
class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's: nothing for a success, nor over a body already written, nor twice.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean io = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, io);
        if (!io.get()) {
            return;
        }
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ErrorResponses.json(ErrorResponses.problem(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body any more: nothing left to tell.
        }
    }
}
