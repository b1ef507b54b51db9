package io.cigraph;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * Says why the JVM takes a while to end after the service stopped, when it was started with
 * {@code -XX:+AutoCreateSharedArchive} (as {@code ./mvnw spring-boot:run} starts it) and the archive
 * it names is missing: the JVM then writes the classes it loaded into that archive on its way out
 * (about ten seconds for this service), and later starts map them instead of loading them again.
 * The JVM's own log of that dump is one line per archived class, so it is switched off and this
 * line stands in for it. The build deletes an archive that a changed jar made stale (the JVM would
 * ignore it and never write a new one), so a missing archive is the case in which the JVM writes.
 */
@Component
class ClassDataArchiveNotice implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ClassDataArchiveNotice.class);

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        archiveToWrite(ManagementFactory.getRuntimeMXBean().getInputArguments()).ifPresent(archive -> log.info(
                "Writing the class-data archive {} once the service has stopped (about 10 s, once after"
                        + " each build): later starts load their classes from it", archive));
    }

    /** The archive the JVM will write at exit, given its arguments, if it will write one. */
    static Optional<Path> archiveToWrite(List<String> jvmArguments) {
        if (!jvmArguments.contains("-XX:+AutoCreateSharedArchive")) {
            return Optional.empty();
        }
        return jvmArguments.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile="))
                .reduce((first, last) -> last)
                .map(a -> Path.of(a.substring("-XX:SharedArchiveFile=".length())))
                .filter(archive -> !Files.exists(archive));
    }
}
