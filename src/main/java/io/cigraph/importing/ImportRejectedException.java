package io.cigraph.importing;

import java.util.List;

/** A file was rejected as a whole; nothing was written. Public: the web feature maps it to a 422. */
public class ImportRejectedException extends RuntimeException {

    private final String file;
    private final transient List<ImportProblem> problems;

    ImportRejectedException(String file, List<ImportProblem> problems) {
        super("Import of " + file + " rejected: " + problems.size() + " problem(s); nothing was written. First: "
                + problems.getFirst().message());
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return file;
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
