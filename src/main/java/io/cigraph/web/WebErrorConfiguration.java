package io.cigraph.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link ProblemReportValve} on Tomcat's host in place of Tomcat's HTML error report, so
 * that what Tomcat refuses before Spring sees the request has the service's error shape too.
 */
@Configuration(proxyBeanMethods = false)
class WebErrorConfiguration implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // An empty class name stops the host from adding Tomcat's own report valve at start.
                host.setErrorReportValveClass("");
                host.getPipeline().addValve(new ProblemReportValve());
            }
        });
    }
}
