package io.cigraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the notice says that the JVM is about to write its class-data archive, from the JVM's arguments. */
class ClassDataArchiveNoticeTests {

    @TempDir
    Path dir;

    @Test
    void aMissingArchiveThatTheJvmCreatesOnItsOwnIsAnnounced() {
        Path archive = dir.resolve("ci-graph.jsa");

        assertThat(ClassDataArchiveNotice.archiveToWrite(
                List.of("-XX:TieredStopAtLevel=1", "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive)))
                .contains(archive);
    }

    @Test
    void anArchiveThatIsThereIsNotWrittenAgain() throws Exception {
        Path archive = Files.createFile(dir.resolve("ci-graph.jsa"));

        assertThat(ClassDataArchiveNotice.archiveToWrite(
                List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive))).isEmpty();
    }

    @Test
    void withoutAutomaticCreationTheJvmWritesNothingAtExit() {
        assertThat(ClassDataArchiveNotice.archiveToWrite(
                List.of("-XX:SharedArchiveFile=" + dir.resolve("missing.jsa")))).isEmpty();
        assertThat(ClassDataArchiveNotice.archiveToWrite(List.of("-Xmx2g"))).isEmpty();
    }

    @Test
    void theLastArchiveNamedIsTheOneTheJvmUses() throws Exception {
        Path first = Files.createFile(dir.resolve("first.jsa"));
        Path last = dir.resolve("last.jsa");

        assertThat(ClassDataArchiveNotice.archiveToWrite(List.of("-XX:+AutoCreateSharedArchive",
                "-XX:SharedArchiveFile=" + first, "-XX:SharedArchiveFile=" + last))).contains(last);
    }
}
