package io.cigraph.importing;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Draws import progress for the command line: redrawn in place on a terminal, a line every few
 * seconds (and at each new file) when the output goes to a file or a pipe.
 */
final class ProgressBar implements ImportProgress.Listener {

    private static final long LINE_NANOS = 5_000_000_000L;

    final long start = System.nanoTime();
    private final PrintStream out;
    private final boolean terminal;
    private long lastLine;
    private int lastFile;
    private boolean drawn;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void progress(ImportProgress p) {
        long now = System.nanoTime();
        String line = String.format(Locale.ROOT, "%s %3d%% | %,d of %,d records | %,.0f records/s | %s left | file %d/%d %s%s",
                bar(p.records(), p.totalRecords()), p.totalRecords() == 0 ? 100 : p.records() * 100 / p.totalRecords(),
                p.records(), p.totalRecords(), p.recordsPerSecond(), p.secondsLeft() < 0 ? "?" : duration(p.secondsLeft()),
                p.fileNumber(), p.files(), p.file(), p.bulk() ? " (bulk)" : "");
        if (terminal) {
            out.print("\r" + line + "   ");
            drawn = true;
        } else if (now - lastLine >= LINE_NANOS || p.fileNumber() != lastFile) {
            out.println(line);
            lastLine = now;
            lastFile = p.fileNumber();
        }
    }

    /** Ends the bar's line, so what follows starts on a new one. */
    void end() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }

    static String bar(long done, long total) {
        int width = 20;
        int filled = total <= 0 ? width : (int) Math.min(width, width * done / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60)
                : s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
