package io.cigraph.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the API key check in front of every path that writes, and keeps paths out of anonymous health. */
@Configuration(proxyBeanMethods = false)
class WebSecurityConfiguration implements WebMvcConfigurer {

    private final SecurityProperties properties;
    private final ApiKey key;

    WebSecurityConfiguration(SecurityProperties properties) {
        this.properties = properties;
        this.key = new ApiKey(properties.apiKey());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiKeyInterceptor(key)).addPathPatterns(properties.writePaths());
    }

    @Bean
    FilterRegistrationBean<HealthDetailsFilter> healthDetailsFilter() {
        FilterRegistrationBean<HealthDetailsFilter> filter = new FilterRegistrationBean<>(new HealthDetailsFilter(key));
        filter.addUrlPatterns("/actuator/health", "/actuator/health/*");
        return filter;
    }
}
