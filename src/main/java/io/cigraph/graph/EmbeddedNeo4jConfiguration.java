package io.cigraph.graph;

import java.net.URI;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.neo4j.autoconfigure.Neo4jConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Starts Neo4j in-process when no {@code spring.neo4j.uri} is configured, and hands its Bolt
 * address and the service's credentials to Boot's Neo4j auto-configuration as connection details:
 * the driver, its pool and health indicator are Boot's own, the same as against a remote server.
 * <p>
 * Neo4j takes seconds to start, so it is started as soon as the settings are known, before any
 * bean is built, and comes up while the rest of the service is put together; the driver is the
 * first to wait for it. It is registered as a singleton that the context stops when it closes,
 * whether or not anything used it, and after the driver, which depends on it through the
 * connection details.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.neo4j.uri:}'.isEmpty()")
class EmbeddedNeo4jConfiguration {

    static final String BEAN = "embeddedNeo4j";

    @Bean
    static BeanFactoryPostProcessor embeddedNeo4jStarter(Environment environment) {
        return beanFactory -> {
            GraphProperties properties = Binder.get(environment).bindOrCreate("cigraph.graph", GraphProperties.class);
            EmbeddedNeo4j neo4j = new EmbeddedNeo4j(properties.embedded());
            beanFactory.registerSingleton(BEAN, neo4j);
            ((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN, neo4j::close);
        };
    }

    @Bean
    Neo4jConnectionDetails embeddedNeo4jConnectionDetails(EmbeddedNeo4j neo4j) {
        return new Neo4jConnectionDetails() {
            @Override
            public URI getUri() {
                return neo4j.boltUri();
            }

            @Override
            public AuthToken getAuthToken() {
                Neo4jCredentials credentials = neo4j.credentials();
                return AuthTokens.basic(credentials.username(), credentials.password());
            }
        };
    }
}
