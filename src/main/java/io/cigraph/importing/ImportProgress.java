package io.cigraph.importing;

/**
 * Where an import stands, reported while it runs. Public: the command line draws it as a bar.
 *
 * @param file             the file being read
 * @param fileNumber       its position among the files of this import, from 1
 * @param files            how many files this import has
 * @param records          records (resources and relations) written so far, over all files
 * @param totalRecords     records in all files (counted before writing starts)
 * @param recordsPerSecond mean rate so far
 * @param secondsLeft      estimate from that rate, or -1 when not known yet
 * @param bulk             whether the stores were empty and load with their bulk mechanisms
 */
public record ImportProgress(String file, int fileNumber, int files, long records, long totalRecords,
                             double recordsPerSecond, long secondsLeft, boolean bulk) {

    /** Receives progress; called from the importing thread, so it must return quickly. */
    @FunctionalInterface
    public interface Listener {

        Listener NONE = p -> { };

        void progress(ImportProgress progress);
    }
}
