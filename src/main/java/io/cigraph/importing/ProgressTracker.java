package io.cigraph.importing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts records as they are written and tells the listener (at most twice a second) and the
 * log (every ten seconds) where the import stands, with the time left at the rate so far.
 */
final class ProgressTracker {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressTracker.class);
    private static final long LISTENER_NANOS = 500_000_000L;
    private static final long LOG_NANOS = 10_000_000_000L;

    private final ImportProgress.Listener listener;
    private final int files;
    private long total;
    private final boolean bulk;
    private final long start = System.nanoTime();
    private long records;
    private long lastListener;
    private long lastLog = start;
    private String file = "";
    private int fileNumber;

    ProgressTracker(ImportProgress.Listener listener, int files, long total, boolean bulk) {
        this.listener = listener;
        this.files = files;
        this.total = total;
        this.bulk = bulk;
    }

    void file(String name) {
        file = name;
        fileNumber++;
    }

    void add(long written) {
        records += written;
        long now = System.nanoTime();
        if (now - lastListener >= LISTENER_NANOS) {
            report(now, false);
        }
    }

    /**
     * Reports the end of the import: the total becomes the records written, as the scan's count
     * was an estimate (a resource described in two blocks counts twice there).
     */
    void done() {
        total = records;
        report(System.nanoTime(), true);
    }

    private void report(long now, boolean last) {
        lastListener = now;
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? records / seconds : 0;
        long left = rate > 0 ? Math.max(0, Math.round((total - records) / rate)) : -1;
        ImportProgress progress = new ImportProgress(file, fileNumber, files, records, Math.max(total, records), rate,
                last && records >= total ? 0 : left, bulk);
        listener.progress(progress);
        if (now - lastLog >= LOG_NANOS) {
            lastLog = now;
            LOG.info("Import {}: {} of {} records ({} %), {} records/s, about {} s left, file {} of {} ({})",
                    bulk ? "(bulk)" : "", records, progress.totalRecords(),
                    progress.totalRecords() == 0 ? 100 : records * 100 / progress.totalRecords(),
                    Math.round(rate), left, fileNumber, files, file);
        }
    }
}
