package io.hearth.client;

import static java.util.Objects.requireNonNull;

import io.hearth.api.statement.ColumnInfo;
import io.hearth.api.statement.ResultChunk;
import io.hearth.api.statement.ResultManifest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The rows of a finished result (a statement's, or a job's Dataset), typed as {@link Row}
 * describes, read lazily one chunk at a time: at most one chunk is held in memory, whatever the
 * size of the result. Single-use and not thread-safe; obtained from {@link Statements#rows}, {@link
 * Jobs#rows} or {@link ResultChunks#rows}.
 */
public final class ResultRows implements Iterator<Row>, AutoCloseable {
    private final ResultChunks chunks;
    private final ResultManifest manifest;
    private final List<ColumnInfo> columns;
    private final List<Function<Object, Object>> converters;
    private int nextChunk;
    private Iterator<List<Object>> current = Collections.emptyIterator();

    ResultRows(ResultChunks chunks) {
        this.chunks = requireNonNull(chunks, "chunks is null");
        this.manifest = chunks.manifest();
        this.columns = manifest.schema().columns();
        this.converters = new ArrayList<>(columns.size());
        for (ColumnInfo column : columns) {
            converters.add(SqlValues.converter(column.type()));
        }
    }

    /** The result's columns, in order. */
    public List<ColumnInfo> columns() {
        return columns;
    }

    /** The result's manifest: row and chunk counts, and whether a limit truncated it. */
    public ResultManifest manifest() {
        return manifest;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (nextChunk >= manifest.totalChunkCount()) {
                return false;
            }
            ResultChunk chunk = chunks.fetchJsonChunk(nextChunk);
            nextChunk++;
            current = chunk.dataArray() == null
                    ? Collections.emptyIterator()
                    : chunk.dataArray().iterator();
        }
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in the result of " + chunks.describe());
        }
        List<Object> raw = current.next();
        List<Object> values = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            values.add(i < converters.size() ? converters.get(i).apply(raw.get(i)) : raw.get(i));
        }
        return new Row(columns, values);
    }

    /** The remaining rows as a sequential stream, fetched lazily as it is consumed. */
    public Stream<Row> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false);
    }

    /** Drops the chunk held; nothing else is open between chunks. */
    @Override
    public void close() {
        current = Collections.emptyIterator();
        nextChunk = manifest.totalChunkCount();
    }
}
