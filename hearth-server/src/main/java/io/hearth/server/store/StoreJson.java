package io.hearth.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hearth.api.ErrorCode;
import io.hearth.api.HearthException;
import io.hearth.api.context.ContextRequest;
import io.hearth.api.statement.ResultManifest;
import io.hearth.api.statement.SinkResult;
import io.hearth.api.statement.StatementParameter;
import io.hearth.server.statement.JobSpec;
import java.util.List;
import java.util.Map;

/** The JSON columns of the store: snake_case, as in the REST API, so a person can read them. */
final class StoreJson {
    private static final TypeReference<List<StatementParameter>> PARAMETERS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> CONF = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final ObjectMapper mapper;

    StoreJson() {
        this.mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(new JavaTimeModule())
                // Rows written by a newer gateway sharing this store stay readable.
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    String writeContext(ContextRequest spec) {
        return write(spec, "context");
    }

    ContextRequest readContext(String json, String name) {
        try {
            return mapper.readValue(json, ContextRequest.class);
        } catch (JsonProcessingException e) {
            throw unreadable("context", name, e);
        }
    }

    String writeAclEntries(List<String> entries) {
        return write(entries, "acl");
    }

    /** A JSON array of ACL entries; null for NULL (the list's default applies). */
    List<String> readAclEntries(String json, String contextName) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw unreadable("acl", contextName, e);
        }
    }

    String writeParameters(List<StatementParameter> parameters) {
        return write(parameters, "parameters");
    }

    List<StatementParameter> readParameters(String json, String statementId) {
        try {
            return mapper.readValue(json, PARAMETERS);
        } catch (JsonProcessingException e) {
            throw unreadable("parameters", statementId, e);
        }
    }

    String writeManifest(ResultManifest manifest) {
        return write(manifest, "manifest");
    }

    ResultManifest readManifest(String json, String statementId) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, ResultManifest.class);
        } catch (JsonProcessingException e) {
            throw unreadable("manifest", statementId, e);
        }
    }

    String writeSink(SinkResult sink) {
        return write(sink, "sink");
    }

    SinkResult readSink(String json, String statementId) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, SinkResult.class);
        } catch (JsonProcessingException e) {
            throw unreadable("sink", statementId, e);
        }
    }

    /** A job's JSON result value as a tree for an event; text that is not JSON stays text. */
    Object readValue(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    String writeJob(JobSpec job) {
        return write(job, "job");
    }

    JobSpec readJob(String json, String statementId) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, JobSpec.class);
        } catch (JsonProcessingException e) {
            throw unreadable("job", statementId, e);
        }
    }

    String writeConf(Map<String, String> conf) {
        return write(conf, "conf");
    }

    Map<String, String> readConf(String json, String sessionId) {
        try {
            return mapper.readValue(json, CONF);
        } catch (JsonProcessingException e) {
            throw new HearthException(
                    ErrorCode.INTERNAL_ERROR, "metadata store error: unreadable conf of session " + sessionId, e);
        }
    }

    String writeGroups(List<String> groups) {
        return write(groups, "groups");
    }

    List<String> readGroups(String json, String tokenId) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new HearthException(
                    ErrorCode.INTERNAL_ERROR, "metadata store error: unreadable groups of token " + tokenId, e);
        }
    }

    private String write(Object value, String what) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new HearthException(ErrorCode.INTERNAL_ERROR, "metadata store error: cannot write " + what, e);
        }
    }

    private static HearthException unreadable(String what, String statementId, JsonProcessingException e) {
        return new HearthException(
                ErrorCode.INTERNAL_ERROR,
                "metadata store error: unreadable " + what + " of statement " + statementId,
                e);
    }
}
