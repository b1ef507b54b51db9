package io.cigraph.importing;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Import settings.
 *
 * @param dir           folder of data files loaded at start (those whose extension names an {@link ImportFormat})
 * @param loadAtStartup load files from {@code dir} at start that the ledger does not have yet
 * @param batchSize     rows per {@code UNWIND} statement when writing to Neo4j
 * @param chunkResources resources read, checked and written as one chunk: a larger chunk means
 *                      fewer, larger transactions and more memory while importing
 * @param maxUploadSize the largest file {@code POST /api/imports} takes (counted as it arrives, so
 *                      an over-large body is refused without being held); the command line's
 *                      {@code import} has no limit
 * @param commandLine   files or folders to import and then exit (set by {@code import FILE...}
 *                      on the command line; empty for the service)
 * @param rebuildAtStart rebuild the RDF store and the search index from the graph at start,
 *                      whether or not they disagree with it (set by {@code rebuild} on the
 *                      command line); otherwise only a store that disagrees is rebuilt
 * @param undo          a batch to undo and then exit (set by {@code undo BATCH} on the command line)
 * @param retractSource a source to retract and then exit (set by {@code retract-source ID})
 * @param dryRun        with {@code import}, {@code undo} or {@code retract-source} on the command line:
 *                      report what would change, write nothing (set by {@code --dry-run} after them)
 * @param followInterval how often the service reads the graph's ledger to bring its RDF store and
 *                      search index in step with what other instances (replicas on the same graph)
 *                      imported, undid or retracted; {@code 0} turns following off
 * @param resolve       what {@code import} on the command line and the start-up load do with a new
 *                      entity whose normalised name matches a known one's: {@code report} it as a
 *                      likely duplicate, or {@code merge} it into that one ({@code --resolve=merge}
 *                      after {@code import} sets it; {@code POST /api/imports} takes {@code resolve=})
 */
@ConfigurationProperties("cigraph.import")
record ImportingProperties(
        @DefaultValue("import") Path dir,
        @DefaultValue("true") boolean loadAtStartup,
        @DefaultValue("5000") int batchSize,
        @DefaultValue("5000") int chunkResources,
        @DefaultValue("256MB") DataSize maxUploadSize,
        @DefaultValue("") java.util.List<Path> commandLine,
        @DefaultValue("false") boolean rebuildAtStart,
        @DefaultValue("") String undo,
        @DefaultValue("") String retractSource,
        @DefaultValue("false") boolean dryRun,
        @DefaultValue("report") Resolve resolve,
        @DefaultValue("1s") java.time.Duration followInterval) {
}
