package io.cigraph.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems and warnings of one file, gathered over its chunks. Both are capped: a generated
 * file with the same mistake on every record should say so a few hundred times, not a million.
 */
final class Findings {

    static final int MAX = 500;

    private final String file;
    private final List<ImportProblem> problems = new ArrayList<>();
    private final List<ImportProblem> warnings = new ArrayList<>();
    private final List<LikelyDuplicate> duplicates = new ArrayList<>();
    private long moreWarnings;
    private long moreDuplicates;

    Findings(String file) {
        this.file = file;
    }

    void add(FileRecords.Chunk chunk) {
        chunk.problems().stream().limit(Math.max(0, MAX - problems.size())).forEach(problems::add);
        int room = Math.max(0, MAX - warnings.size());
        chunk.warnings().stream().limit(room).forEach(warnings::add);
        moreWarnings += Math.max(0, chunk.warnings().size() - room);
    }

    /** A likely duplicate, up to {@link #MAX} of them; beyond, only counted. */
    void duplicate(LikelyDuplicate d) {
        if (duplicates.size() < MAX) {
            duplicates.add(d);
        } else {
            moreDuplicates++;
        }
    }

    List<LikelyDuplicate> duplicates() {
        return duplicates;
    }

    void problem(String message) {
        problems.add(new ImportProblem(file, null, null, null, message));
    }

    List<ImportProblem> problems() {
        return problems;
    }

    List<ImportProblem> warnings() {
        if (moreWarnings == 0 && moreDuplicates == 0) {
            return warnings;
        }
        List<ImportProblem> all = new ArrayList<>(warnings);
        if (moreWarnings > 0) {
            all.add(new ImportProblem(file, null, null, null, "... and " + moreWarnings + " more warnings like these."));
        }
        if (moreDuplicates > 0) {
            all.add(new ImportProblem(file, null, null, null, "... and " + moreDuplicates + " more likely duplicates."));
        }
        return all;
    }

    /** Rejects the file if it has problems, or if it states nothing. */
    void throwIfRejected(boolean statesNothing) {
        if (problems.isEmpty() && statesNothing) {
            problem("The file states no resource and no relation.");
        }
        if (!problems.isEmpty()) {
            throw new ImportRejectedException(file, problems);
        }
    }
}
