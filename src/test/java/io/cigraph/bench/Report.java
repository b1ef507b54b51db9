package io.cigraph.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's one table, in sections (load, queries, start, memory) so that rows can be
 * measured in any order and still read in a sensible one: each row has our figure, the raw
 * baseline's when there is one, their ratio, and a target with whether it was met. Rows are
 * printed as they come, so a long run shows progress; the table is printed and written at the end.
 */
final class Report {

    private record Row(String measure, String ours, String raw, String ratio, String target, String met, String notes) {
    }

    private final List<Section> sections = new ArrayList<>();

    /** A titled group of rows, kept in the order sections were created. */
    final class Section {

        private final String title;
        private final List<Row> rows = new ArrayList<>();

        private Section(String title) {
            this.title = title;
        }

        /** A measure without a target. */
        void add(String measure, String ours, String raw, String ratio, String notes) {
            add(new Row(measure, ours, raw, ratio, "", "", notes));
        }

        /** A measure with a target; {@code met} says whether the figure reached it. */
        void target(String measure, String ours, String raw, String ratio, String target, boolean met, String notes) {
            add(new Row(measure, ours, raw, ratio, target, met ? "met" : "**missed**", notes));
        }

        private void add(Row row) {
            rows.add(row);
            System.out.printf(Locale.ROOT, "%-60s | %s | %s | %s | %s %s | %s%n", row.measure(), row.ours(), row.raw(),
                    row.ratio(), row.target(), row.met(), row.notes());
        }
    }

    Section section(String title) {
        Section s = new Section(title);
        sections.add(s);
        return s;
    }

    /** Prints the table with a heading and closing notes, and writes it to {@code file}. */
    void write(String heading, String notes, Path file) throws IOException {
        StringBuilder md = new StringBuilder("## ").append(heading).append("\n\n")
                .append("| measure | ours | raw | ours / raw | target | met? | notes |\n|---|---|---|---|---|---|---|\n");
        for (Section s : sections) {
            md.append("| **").append(s.title).append("** | | | | | | |\n");
            for (Row r : s.rows) {
                md.append("| ").append(String.join(" | ", r.measure(), r.ours(), r.raw(), r.ratio(), r.target(), r.met(),
                        r.notes())).append(" |\n");
            }
        }
        md.append('\n').append(notes).append('\n');
        Files.createDirectories(file.getParent());
        Files.writeString(file, md);
        System.out.println();
        System.out.println(md);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String perSecond(long n, double seconds) {
        return String.format(Locale.ROOT, "%,.0f/s", n / seconds);
    }
}
