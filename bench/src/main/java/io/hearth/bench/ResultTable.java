package io.hearth.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run, side by side with their baselines, printed as text and as markdown. */
final class ResultTable {
    private static final List<String> HEADER = List.of("Measure", "Hearth", "Baseline", "Ratio", "Target", "Met");

    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> details = new ArrayList<>();

    /** A row with a ratio hearth / baseline; {@code target} is the highest ratio that meets it, or NaN for none. */
    void compare(
            String measure, String hearth, double hearthValue, String baseline, double baselineValue, double target) {
        double ratio = hearthValue / baselineValue;
        String met;
        String targetText;
        if (Double.isNaN(target)) {
            targetText = "-";
            met = "-";
        } else if (target == 1.0) {
            targetText = "< 1.00";
            met = ratio < target ? "yes" : "NO";
        } else {
            targetText = "<= " + format(target, 2);
            met = ratio <= target ? "yes" : "NO";
        }
        String ratioText = Double.isNaN(ratio) ? "-" : format(ratio, 2) + "x"; // a side not measured
        rows.add(List.of(measure, hearth, baseline, ratioText, targetText, met));
    }

    /** A row without a baseline. */
    void figure(String measure, String hearth, String target, String met) {
        rows.add(List.of(measure, hearth, "-", "-", target, met));
    }

    void detail(String line) {
        details.add(line);
    }

    String text() {
        int[] widths = new int[HEADER.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(HEADER);
        all.addAll(rows);
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < all.size(); r++) {
            List<String> row = all.get(r);
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "" : "  ").append(pad(row.get(i), widths[i]));
            }
            out.append(System.lineSeparator());
            if (r == 0) {
                int total = 0;
                for (int width : widths) {
                    total += width + 2;
                }
                out.append("-".repeat(total - 2)).append(System.lineSeparator());
            }
        }
        out.append(System.lineSeparator());
        for (String detail : details) {
            out.append("  ").append(detail).append(System.lineSeparator());
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|").append(" --- |".repeat(HEADER.size())).append("\n");
        for (List<String> row : rows) {
            out.append("| ")
                    .append(String.join(
                            " | ",
                            row.stream().map(cell -> cell.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        out.append("\n");
        for (String detail : details) {
            out.append("- ").append(detail).append("\n");
        }
        return out.toString();
    }

    static String millis(double value) {
        return value >= 1000 ? format(value / 1000, 2) + " s" : format(value, 1) + " ms";
    }

    static String mib(double bytesOrMib) {
        return format(bytesOrMib, 1) + " MiB";
    }

    static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
