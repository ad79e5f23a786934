package io.hearth.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.hearth.api.statement.ColumnInfo;
import io.hearth.api.statement.ResultManifest;
import io.hearth.client.ResultRows;
import io.hearth.client.Row;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Rows as aligned columns for a person: numbers to the right, values wider than the limit cut
 * with {@code ...}, NULL spelt out, and a row count. Column widths come from the first {@value
 * #SAMPLE_ROWS} rows, so a result of any size streams through.
 */
final class TableFormat {
    static final int SAMPLE_ROWS = 1000;

    private final int maxWidth;

    TableFormat(int maxWidth) {
        if (maxWidth < 4) {
            throw new IllegalArgumentException("--max-width must be at least 4");
        }
        this.maxWidth = maxWidth;
    }

    void write(ResultRows rows, OutputStream output) {
        PrintStream out = new PrintStream(output, false, UTF_8);
        List<ColumnInfo> columns = rows.columns();
        ResultManifest manifest = rows.manifest();
        if (columns.isEmpty()) {
            out.println("OK");
            out.flush();
            return;
        }
        List<List<String>> sample = new ArrayList<>();
        while (sample.size() < SAMPLE_ROWS && rows.hasNext()) {
            sample.add(cells(rows.next()));
        }
        int[] widths = new int[columns.size()];
        boolean[] right = new boolean[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = Math.min(maxWidth, columns.get(i).name().length());
            right[i] = isNumeric(columns.get(i).type());
            for (List<String> cells : sample) {
                widths[i] = Math.min(maxWidth, Math.max(widths[i], cells.get(i).length()));
            }
        }
        List<String> header = columns.stream().map(ColumnInfo::name).toList();
        out.println(line(header, widths, new boolean[columns.size()]));
        StringJoiner rule = new StringJoiner("-+-", "-", "-");
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        out.println(rule);
        long count = 0;
        for (List<String> cells : sample) {
            out.println(line(cells, widths, right));
            count++;
        }
        while (rows.hasNext()) {
            out.println(line(cells(rows.next()), widths, right));
            count++;
        }
        String footer = count == 1 ? "(1 row)" : "(" + count + " rows)";
        if (manifest.truncated()) {
            footer += ", truncated: the result holds more rows than the row limit";
        }
        out.println(footer);
        out.flush();
    }

    private String line(List<String> cells, int[] widths, boolean[] right) {
        StringJoiner line = new StringJoiner(" | ", " ", "");
        for (int i = 0; i < widths.length; i++) {
            String cell = fit(cells.get(i), widths[i]);
            String padding = " ".repeat(widths[i] - cell.length());
            line.add(right[i] ? padding + cell : cell + padding);
        }
        return line.toString().stripTrailing();
    }

    private static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }

    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>(row.size());
        for (Object value : row.values()) {
            cells.add(display(value).replace("\r", "\\r").replace("\n", "\\n").replace("\t", " "));
        }
        return cells;
    }

    /** A value as text: typed values print as the gateway renders them; NULL for null. */
    static String display(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof List<?> list) {
            StringJoiner text = new StringJoiner(", ", "[", "]");
            list.forEach(element -> text.add(display(element)));
            return text.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner text = new StringJoiner(", ", "{", "}");
            map.forEach((key, element) -> text.add(display(key) + ": " + display(element)));
            return text.toString();
        }
        return value.toString();
    }

    private static boolean isNumeric(String type) {
        String upper = type.toUpperCase(Locale.ROOT);
        return upper.equals("TINYINT")
                || upper.equals("SMALLINT")
                || upper.equals("INT")
                || upper.equals("BIGINT")
                || upper.equals("FLOAT")
                || upper.equals("DOUBLE")
                || upper.startsWith("DECIMAL");
    }
}
