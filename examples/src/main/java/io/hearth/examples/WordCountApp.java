package io.hearth.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Counts the words of a text file, or of the text given as arguments (a built-in text without
 * either), prints each word with its count, most frequent first, and optionally writes them as
 * CSV.
 *
 * <pre>
 * WordCountApp [--input FILE] [--output DIRECTORY] [TEXT ...]
 * </pre>
 */
public final class WordCountApp {
    static final String BUILT_IN_TEXT = "the quick brown fox jumps over the lazy dog and the dog sleeps";

    private WordCountApp() {}

    public static void main(String[] args) {
        String input = null;
        String output = null;
        List<String> text = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--input" -> input = value(args, ++i, "--input");
                case "--output" -> output = value(args, ++i, "--output");
                default -> text.add(args[i]);
            }
        }
        SparkSession spark = SparkSession.builder().appName("hearth-word-count").getOrCreate();
        try {
            Dataset<String> lines = input != null
                    ? spark.read().textFile(input)
                    : spark.createDataset(
                            text.isEmpty() ? List.of(BUILT_IN_TEXT) : List.of(String.join(" ", text)),
                            Encoders.STRING());
            Dataset<Row> counts = lines.flatMap(
                            (org.apache.spark.api.java.function.FlatMapFunction<String, String>) line -> Arrays.stream(
                                            line.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                                    .filter(word -> !word.isEmpty())
                                    .iterator(),
                            Encoders.STRING())
                    .groupBy("value")
                    .count()
                    .withColumnRenamed("value", "word")
                    .orderBy(functions.desc("count"), functions.asc("word"));
            List<Row> rows = counts.collectAsList();
            for (Row row : rows) {
                System.out.println("word count: " + row.getString(0) + " " + row.getLong(1));
            }
            System.out.println("WordCountApp counted " + rows.size() + " distinct words");
            if (output != null) {
                counts.write().option("header", "true").mode("overwrite").csv(output);
                System.out.println("WordCountApp wrote the counts to " + output);
            }
        } finally {
            spark.stop();
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
