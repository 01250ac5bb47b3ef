package dev.tavern.load.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A GitHub-flavoured Markdown table; columns whose cells all look numeric are right-aligned. */
public final class MarkdownTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String... headers) {
        this.headers = List.of(headers);
    }

    public MarkdownTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("A row of " + cells.length + " cells in a table of " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(cell -> String.valueOf(cell).replace("|", "\\|").replace("\n", " ")).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", headers)).append(" |\n|");
        for (int column = 0; column < headers.size(); column++) {
            out.append(isNumeric(column) ? "---:|" : "---|");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return out.toString();
    }

    private boolean isNumeric(int column) {
        return !rows.isEmpty() && rows.stream().allMatch(row -> row.get(column).matches("[-+]?[0-9][0-9,.]*( ?[%×x]| ms| s| MB| /s)?|–"));
    }
}
