package io.hearth.server.hs2;

import io.hearth.server.auth.Principal;
import io.hearth.server.session.SessionId;
import java.util.List;

/** Answers the metadata operations of one HiveServer2 session by asking its engine. */
public interface Hs2Metadata {
    MetadataResult catalogs(Principal principal, SessionId session);

    MetadataResult schemas(Principal principal, SessionId session, String catalog, String schemaPattern);

    MetadataResult tables(
            Principal principal,
            SessionId session,
            String catalog,
            String schemaPattern,
            String tablePattern,
            List<String> types);

    MetadataResult tableTypes();

    MetadataResult columns(
            Principal principal,
            SessionId session,
            String catalog,
            String schemaPattern,
            String tablePattern,
            String columnPattern);

    MetadataResult functions(
            Principal principal, SessionId session, String catalog, String schemaPattern, String functionPattern);

    MetadataResult typeInfo();

    MetadataResult primaryKeys(Principal principal, SessionId session, String catalog, String schema, String table);

    MetadataResult crossReference(
            Principal principal,
            SessionId session,
            String parentCatalog,
            String parentSchema,
            String parentTable,
            String foreignCatalog,
            String foreignSchema,
            String foreignTable);
}
