package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code start-check} command, as the AOT cache's training run uses it: the whole service
 * starts on an empty folder (the bundled data loaded, the web server up, the warm-up's questions
 * answered over HTTP), then stops by itself with 0.
 */
class StartCheckIT {

    @TempDir
    static Path root;

    @Test
    void startsTheWholeServiceWarmsItUpAndStopsWithZero() throws Exception {
        ChildService.Run run = new ChildService(root.resolve("stores")).start("start-check", "start-check", "--server.port=0");
        assertThat(run.exit(Duration.ofMinutes(3))).as(run.text()).isZero();
        assertThat(run.text()).contains("huawei-ecosystem.ttl: imported", "Tomcat started on port", "Warmed up 7 endpoints")
                .doesNotContain("Warm-up: ");
    }
}
