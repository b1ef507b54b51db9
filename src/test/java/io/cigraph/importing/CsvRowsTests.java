package io.cigraph.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading rows as RFC 4180 writes them, in the encodings spreadsheets save. */
class CsvRowsTests {

    private static List<CsvRows.Row> rows(byte[] bytes, char delimiter) throws IOException {
        List<CsvRows.Row> rows = new ArrayList<>();
        try (CsvRows reader = new CsvRows(new ByteArrayInputStream(bytes), delimiter)) {
            for (CsvRows.Row row; (row = reader.next()) != null; ) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static List<CsvRows.Row> rows(String text, char delimiter) throws IOException {
        return rows(text.getBytes(StandardCharsets.UTF_8), delimiter);
    }

    @Test
    void aQuotedCellKeepsDelimitersLineBreaksAndDoubledQuotesAndTheNextRowKnowsItsLine() throws IOException {
        List<CsvRows.Row> rows = rows("name,note\r\n\"Watch, GT 4\",\"says \"\"hi\"\"\nand more\"\r\nnext,\"\"\n", ',');

        assertThat(rows).extracting(CsvRows.Row::cells).containsExactly(
                List.of("name", "note"), List.of("Watch, GT 4", "says \"hi\"\nand more"), List.of("next", ""));
        assertThat(rows).extracting(CsvRows.Row::line).containsExactly(1L, 2L, 4L);
    }

    @Test
    void emptyCellsAndATrailingDelimiterAreCells() throws IOException {
        assertThat(rows("a,,c,\n", ',').getFirst().cells()).containsExactly("a", "", "c", "");
    }

    @Test
    void tabsAndSemicolonsDelimitAsTheyAreToldAndLeaveCommasInCells() throws IOException {
        assertThat(rows("a\tb,c\n", '\t').getFirst().cells()).containsExactly("a", "b,c");
        assertThat(rows("a;b,c\n", ';').getFirst().cells()).containsExactly("a", "b,c");
    }

    @Test
    void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnsName() throws IOException {
        assertThat(rows("\uFEFFid,name\n", ',').getFirst().cells()).containsExactly("id", "name");
    }

    @Test
    void utf16WithItsByteOrderMarkIsReadInEitherByteOrder() throws IOException {
        for (Charset charset : List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
            byte[] bytes = ("\uFEFFname,alias\n华为,Huawei\n").getBytes(charset);
            assertThat(rows(bytes, ',')).extracting(CsvRows.Row::cells).as(charset.name())
                    .containsExactly(List.of("name", "alias"), List.of("华为", "Huawei"));
        }
    }

    @Test
    void bytesThatAreNotUtf8StopAtTheirLine() {
        byte[] bytes = "name\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> rows(bytes, ',')).isInstanceOfSatisfying(StrictReader.InvalidBytesException.class,
                e -> assertThat(e.line()).isEqualTo(2L));
    }

    @Test
    void aQuoteInsideAnUnquotedCellIsAnErrorAtItsLineAndColumn() {
        assertThatThrownBy(() -> rows("a,b\nx,5\" screen\n", ',')).isInstanceOfSatisfying(CsvRows.SyntaxException.class, e -> {
            assertThat(e.line()).isEqualTo(2L);
            assertThat(e.column()).isEqualTo(4L);
            assertThat(e.getMessage()).contains("quote the whole cell");
        });
    }

    @Test
    void aQuotedCellNeverClosedIsAnErrorWhereItStarts() {
        assertThatThrownBy(() -> rows("a,b\nx,\"open\nstill open\n", ',')).isInstanceOfSatisfying(CsvRows.SyntaxException.class, e -> {
            assertThat(e.line()).isEqualTo(2L);
            assertThat(e.column()).isEqualTo(3L);
            assertThat(e.getMessage()).contains("never closed");
        });
    }

    @Test
    void textAfterAClosingQuoteIsAnError() {
        assertThatThrownBy(() -> rows("\"a\"b,c\n", ',')).isInstanceOfSatisfying(CsvRows.SyntaxException.class,
                e -> assertThat(e.line()).isEqualTo(1L));
    }
}
