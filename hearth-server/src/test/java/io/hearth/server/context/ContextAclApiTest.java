package io.hearth.server.context;

import static io.hearth.server.TestingHearth.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hearth.server.TestingHearth;
import io.hearth.server.TestingUsers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Context ACLs over HTTP: who sees, uses, changes and deletes a context. */
class ContextAclApiTest {
    @TempDir
    Path dataDirectory;

    private TestingHearth hearth;
    private TestingHearth alice;
    private TestingHearth bob;
    private TestingHearth carol;
    private TestingHearth admin;

    @BeforeEach
    void start() throws Exception {
        Path users = TestingUsers.users()
                .add("alice", "a-secret")
                .add("bob", "b-secret")
                .add("carol", "c-secret", "ops")
                .add("root", "r-secret")
                .writeTo(dataDirectory.resolve("users"));
        hearth = TestingHearth.start(dataDirectory, TestingUsers.basicAuth(users, "root"));
        alice = hearth.as("alice", "a-secret");
        bob = hearth.as("bob", "b-secret");
        carol = hearth.as("carol", "c-secret");
        admin = hearth.as("root", "r-secret");
    }

    @AfterEach
    void stop() {
        hearth.close();
    }

    @Test
    void aContextIsUsedByItsUseListAndChangedByItsManageList() {
        HttpResponse<String> created = alice.post(
                "/v1/contexts", "{\"name\": \"etl\", \"acl\": {\"use\": [\"group:ops\"]}, \"max_engines\": 2}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode acl = json(created.body()).get("acl");
        assertThat(acl.get("use")).extracting(JsonNode::asText).containsExactly("group:ops");
        assertThat(acl.get("manage"))
                .as("its creator by default")
                .extracting(JsonNode::asText)
                .containsExactly("alice");

        // bob may neither use nor change it: it does not exist for him
        HttpResponse<String> hidden = bob.get("/v1/contexts/etl");
        HttpResponse<String> missing = bob.get("/v1/contexts/nowhere");
        assertThat(hidden.statusCode()).isEqualTo(404).isEqualTo(missing.statusCode());
        assertThat(json(hidden.body()).get("detail").asText())
                .isEqualTo(json(missing.body()).get("detail").asText().replace("nowhere", "etl"));
        assertThat(names(bob)).containsExactly("default");
        assertThat(put(bob, "etl", "{}").statusCode()).isEqualTo(404);
        assertThat(bob.delete("/v1/contexts/etl").statusCode()).isEqualTo(404);
        HttpResponse<String> refused =
                bob.post("/v1/statements", "{\"statement\": \"select 1\", \"context\": \"etl\"}");
        HttpResponse<String> unknown =
                bob.post("/v1/statements", "{\"statement\": \"select 1\", \"context\": \"nowhere\"}");
        assertThat(refused.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).get("detail").asText())
                .isEqualTo(json(unknown.body()).get("detail").asText().replace("nowhere", "etl"));
        assertThat(bob.post("/v1/sessions", "{\"context\": \"etl\"}").statusCode())
                .isEqualTo(400);

        // carol (group ops) uses it, but may not change it
        assertThat(names(carol)).containsExactly("default", "etl");
        HttpResponse<String> used = carol.post(
                "/v1/statements",
                "{\"statement\": \"select id from range(3)\", \"context\": \"etl\", \"wait_timeout\": \"5s\"}");
        assertThat(json(used.body()).at("/status/state").asText())
                .as(used.body())
                .isEqualTo("SUCCEEDED");
        HttpResponse<String> denied = put(carol, "etl", "{}");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(json(denied.body()).get("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(carol.delete("/v1/contexts/etl").statusCode()).isEqualTo(403);

        // a PUT without an ACL keeps it; an admin may change any context
        HttpResponse<String> changed = put(alice, "etl", "{\"max_engines\": 1}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed.body()).at("/acl/use/0").asText()).isEqualTo("group:ops");
        HttpResponse<String> opened = put(admin, "etl", "{\"acl\": {\"use\": [\"*\"]}}");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        assertThat(json(opened.body()).at("/acl/manage/0").asText())
                .as("an absent list keeps the current one")
                .isEqualTo("alice");
        assertThat(names(bob)).containsExactly("default", "etl");
        assertThat(names(admin)).containsExactly("default", "etl");
        assertThat(alice.delete("/v1/contexts/etl").statusCode()).isEqualTo(204);
    }

    @Test
    void theDefaultContextStaysReadOnlyEvenForAdmins() {
        assertThat(put(admin, "default", "{}").statusCode()).isEqualTo(409);
        assertThat(admin.delete("/v1/contexts/default").statusCode()).isEqualTo(409);
        JsonNode acl = json(bob.get("/v1/contexts/default").body()).get("acl");
        assertThat(acl.get("use")).extracting(JsonNode::asText).containsExactly("*");
        assertThat(acl.get("manage")).isEmpty();
    }

    @Test
    void refusesAnAclEntryThatIsNoUserGroupOrEveryone() {
        HttpResponse<String> refused = alice.post(
                "/v1/contexts", "{\"name\": \"x\", \"acl\": {\"use\": [\"two words\"], \"manage\": [\"\"]}}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused.body()).get("errors"))
                .extracting(error -> error.get("field").asText())
                .containsExactly("acl.use[0]", "acl.manage[0]");
    }

    private static List<String> names(TestingHearth client) {
        HttpResponse<String> list = client.get("/v1/contexts");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        return json(list.body()).get("contexts").findValuesAsText("name");
    }

    private static HttpResponse<String> put(TestingHearth client, String name, String body) {
        return client.send(HttpRequest.newBuilder(client.uri("/v1/contexts/" + name))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .build());
    }
}
