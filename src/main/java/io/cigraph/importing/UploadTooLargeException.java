package io.cigraph.importing;

import java.util.Locale;
import org.springframework.util.unit.DataSize;

/**
 * A file sent for import is larger than {@code cigraph.import.max-upload-size}, as announced or
 * as counted while it arrived; nothing of it was imported. Public: the web feature maps it to a 413.
 */
public class UploadTooLargeException extends RuntimeException {

    /** The setting that bounds uploads, for messages that say what to change. */
    public static final String SETTING = "cigraph.import.max-upload-size";

    private final long limit;

    /** Public: the web feature raises it for a multipart upload the container stopped at the limit. */
    public UploadTooLargeException(long limit) {
        super("The file is larger than " + format(limit) + " (" + SETTING + "): split it into smaller files, import it"
                + " from the command line (import FILE), which has no such limit, or raise " + SETTING + ".");
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    static String format(long bytes) {
        DataSize size = DataSize.ofBytes(bytes);
        if (bytes > 0 && size.toBytes() % DataSize.ofGigabytes(1).toBytes() == 0) {
            return String.format(Locale.ROOT, "%dGB", size.toGigabytes());
        } else if (bytes > 0 && size.toBytes() % DataSize.ofMegabytes(1).toBytes() == 0) {
            return String.format(Locale.ROOT, "%dMB", size.toMegabytes());
        } else if (bytes > 0 && size.toBytes() % DataSize.ofKilobytes(1).toBytes() == 0) {
            return String.format(Locale.ROOT, "%dKB", size.toKilobytes());
        }
        return bytes + "B";
    }
}
