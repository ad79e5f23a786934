package io.hearth.server.statement;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** format=BSON over REST: as the statement's format and per chunk with ?format= or Accept. */
class StatementBsonFormatTest {
    @TempDir
    static Path dataDirectory;

    private static TestingHearth hearth;

    @BeforeAll
    static void start() throws Exception {
        hearth = TestingHearth.start(dataDirectory, Map.of("result.chunk-max-rows", "1000"));
    }

    @AfterAll
    static void stop() {
        hearth.close();
    }

    @Test
    void aBsonStatementServesItsChunksAsBsonDocuments() {
        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(1500)\", \"format\": \"BSON\"}");
        assertThat(answer.at("/manifest/format").asText()).isEqualTo("BSON");
        assertThat(answer.has("result")).isFalse();
        String id = answer.at("/statement_id").asText();

        HttpResponse<byte[]> chunk = hearth.getBytes("/v1/statements/" + id + "/result/chunks/1");

        assertThat(chunk.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/bson");
        List<RawBsonDocument> documents = documents(chunk.body());
        assertThat(documents).hasSize(500);
        assertThat(documents.get(0).get("id").getBsonType()).isEqualTo(BsonType.INT64);
        assertThat(documents.get(0).getInt64("id").getValue()).isEqualTo(1000L);
        assertThat(documents.get(499).getInt64("id").getValue()).isEqualTo(1499L);
    }

    @Test
    void anyResultChunkCanBeFetchedAsBson() {
        JsonNode answer = hearth.submit("{\"statement\": \"select id from range(10)\"}");
        String id = answer.at("/statement_id").asText();

        HttpResponse<byte[]> byQuery = hearth.getBytes("/v1/statements/" + id + "/result/chunks/0?format=bson");
        HttpResponse<byte[]> byAccept =
                hearth.getBytes("/v1/statements/" + id + "/result/chunks/0", "Accept", "application/bson");

        assertThat(byQuery.statusCode()).isEqualTo(200);
        assertThat(byQuery.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/bson");
        assertThat(documents(byQuery.body()))
                .extracting(document -> document.getInt64("id").getValue())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(byAccept.body()).isEqualTo(byQuery.body());
    }

    private static List<RawBsonDocument> documents(byte[] bytes) {
        List<RawBsonDocument> documents = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        while (offset < bytes.length) {
            int length = buffer.getInt(offset);
            documents.add(new RawBsonDocument(bytes, offset, length));
            offset += length;
        }
        return documents;
    }
}
