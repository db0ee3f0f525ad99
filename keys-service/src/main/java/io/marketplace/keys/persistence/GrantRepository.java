package io.marketplace.keys.persistence;

import io.marketplace.platform.persistence.InstallationStateRepository.Pair;
import io.marketplace.platform.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** GrantRepository and the secrets issued under them (codes, refresh tokens, publish keys), stored by hash. */
@ApplicationScoped
public class GrantRepository {

    public record Grant(UUID id, UUID clientId, Long accountId, String kind, String scope, Instant revokedAt) {
    }

    /** {@code generation}: the installation of (client, account) the code was issued for. */
    public record Code(String hash, UUID clientId, long accountId, long generation, String challenge,
            String challengeMethod, Instant expiresAt, Instant usedAt, UUID grantId) {
    }

    public record RefreshToken(Grant grant, Instant expiresAt, Instant usedAt) {
        public UUID grantId() {
            return grant.id();
        }
    }

    public record PublishKey(UUID id, UUID clientId, UUID grantId, String keyHash, Instant revokedAt) {
    }

    @Inject
    DataSource dataSource;

    /** A grant of an account, made under installation {@code generation} of (client, account). */
    public UUID createGrant(UUID clientId, long accountId, long generation, String kind, String scope) {
        return insertGrant(clientId, accountId, generation, kind, scope);
    }

    /** A grant that belongs to no account (a publish key). */
    public UUID createGrant(UUID clientId, String kind, String scope) {
        return insertGrant(clientId, null, null, kind, scope);
    }

    private UUID insertGrant(UUID clientId, Long accountId, Long generation, String kind, String scope) {
        UUID id = UUID.randomUUID();
        Jdbc.update(dataSource, """
                        INSERT INTO token_grant (id, client_id, account_id, generation, kind, scope, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, now())""", id, clientId, accountId, generation, kind, scope);
        return id;
    }

    public Optional<Grant> grant(UUID id) {
        return Jdbc.first(dataSource, "SELECT id, client_id, account_id, kind, scope, revoked_at FROM token_grant WHERE id = ?",
                row -> readGrant(row, 1), id);
    }

    public void revokeGrant(UUID id) {
        Jdbc.update(dataSource, "UPDATE token_grant SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", id);
    }

    /**
     * Revokes, for each (integration, account), every grant the account gave under the given installation generation
     * or an earlier one (codes exchanged and long-lived tokens), never those of a later re-install.
     */
    public void revokeInstallationGrants(Map<Pair, Long> throughGeneration) {
        List<Pair> pairs = List.copyOf(throughGeneration.keySet());
        Jdbc.update(dataSource, """
                        UPDATE token_grant g SET revoked_at = now()
                        FROM unnest(CAST(? AS uuid[]), CAST(? AS bigint[]), CAST(? AS bigint[])) AS p(i, a, generation)
                        WHERE g.client_id = p.i AND g.account_id = p.a AND g.generation <= p.generation
                          AND g.revoked_at IS NULL""",
                Jdbc.array(pairs, Pair::integrationId),
                Jdbc.array(pairs, Pair::accountId),
                Jdbc.array(pairs, throughGeneration::get));
    }

    /** A code to store: its hash, whom it is for, and its PKCE challenge if any. */
    public record NewCode(String hash, UUID clientId, long accountId, long generation, String challenge) {
    }

    /** Stores the codes in one statement; they all expire at {@code expiresAt}. */
    public void saveCodes(List<NewCode> codes, Instant expiresAt) {
        if (codes.isEmpty()) {
            return;
        }
        Jdbc.update(dataSource, """
                        INSERT INTO authorization_code (code_hash, client_id, account_id, generation, code_challenge,
                                                        code_challenge_method, expires_at)
                        SELECT h, c, a, g, ch, CASE WHEN ch IS NULL THEN NULL ELSE 'S256' END, ?
                        FROM unnest(CAST(? AS text[]), CAST(? AS uuid[]), CAST(? AS bigint[]), CAST(? AS bigint[]),
                                    CAST(? AS text[])) AS n(h, c, a, g, ch)""",
                expiresAt, Jdbc.array(codes, NewCode::hash), Jdbc.array(codes, NewCode::clientId),
                Jdbc.array(codes, NewCode::accountId), Jdbc.array(codes, NewCode::generation),
                Jdbc.array(codes, NewCode::challenge));
    }

    /** The code, locked: two exchanges of one code cannot both see it unused. */
    public Optional<Code> lockCode(String hash) {
        return Jdbc.first(dataSource, """
                        SELECT code_hash, client_id, account_id, generation, code_challenge, code_challenge_method, expires_at,
                               used_at, grant_id
                        FROM authorization_code WHERE code_hash = ? FOR UPDATE""",
                row -> new Code(row.getString(1), row.getObject(2, UUID.class), row.getLong(3), row.getLong(4),
                        row.getString(5), row.getString(6), Jdbc.instant(row, 7), Jdbc.instant(row, 8),
                        row.getObject(9, UUID.class)),
                hash);
    }

    public void markCodeUsed(String hash, UUID grantId) {
        Jdbc.update(dataSource, "UPDATE authorization_code SET used_at = now(), grant_id = ? WHERE code_hash = ?", grantId, hash);
    }

    public void saveRefreshToken(String hash, UUID grantId, Instant expiresAt) {
        Jdbc.update(dataSource, "INSERT INTO refresh_token (token_hash, grant_id, expires_at) VALUES (?, ?, ?)",
                hash, grantId, expiresAt);
    }

    /**
     * The refresh token with its grant, the token's row locked (two uses of one token cannot both see it unused) and
     * the grant's held (a revocation waits for a refresh under way, so nothing is issued after it answered).
     */
    public Optional<RefreshToken> lockRefreshToken(String hash) {
        return Jdbc.first(dataSource, """
                        SELECT r.expires_at, r.used_at,
                               g.id, g.client_id, g.account_id, g.kind, g.scope, g.revoked_at
                        FROM refresh_token r JOIN token_grant g ON g.id = r.grant_id
                        WHERE r.token_hash = ? FOR UPDATE OF r FOR SHARE OF g""",
                row -> new RefreshToken(readGrant(row, 3), Jdbc.instant(row, 1), Jdbc.instant(row, 2)), hash);
    }

    /** The grant a refresh token was rotated under: what the new access token carries. */
    public record Rotated(UUID grantId, long accountId, String scope) {
    }

    /**
     * A refresh in one statement: if the token is unused and unexpired and its grant is the client's and unrevoked,
     * marks it used and stores {@code successorHash} under the same grant. Locks as {@link #lockRefreshToken} does and
     * in the same order (the token's row, then the grant's shared), so concurrent uses of one token queue on its row
     * and none of them holds the grant while waiting. Empty when the token does not qualify: nothing was written, and
     * {@link #lockRefreshToken} tells why.
     */
    public Optional<Rotated> rotateRefreshToken(String hash, UUID clientId, String successorHash,
            Instant successorExpiresAt) {
        return Jdbc.first(dataSource, """
                        WITH token AS (
                            SELECT token_hash, grant_id FROM refresh_token
                            WHERE token_hash = ? AND used_at IS NULL AND expires_at > now() FOR UPDATE
                        ), grant_row AS (
                            SELECT g.id, g.account_id, g.scope FROM token_grant g JOIN token t ON g.id = t.grant_id
                            WHERE g.client_id = ? AND g.revoked_at IS NULL FOR SHARE OF g
                        ), used AS (
                            UPDATE refresh_token r SET used_at = now() FROM token t, grant_row g
                            WHERE r.token_hash = t.token_hash AND r.grant_id = g.id
                            RETURNING g.id, g.account_id, g.scope
                        ), successor AS (
                            INSERT INTO refresh_token (token_hash, grant_id, expires_at) SELECT ?, id, ? FROM used
                        )
                        SELECT id, account_id, scope FROM used""",
                row -> new Rotated(row.getObject(1, UUID.class), row.getLong(2), row.getString(3)),
                hash, clientId, successorHash, successorExpiresAt);
    }

    public void savePublishKey(UUID id, UUID clientId, UUID grantId, String keyHash, String prefix) {
        Jdbc.update(dataSource, """
                        INSERT INTO publish_key (id, client_id, grant_id, key_hash, prefix, created_at)
                        VALUES (?, ?, ?, ?, ?, now())""", id, clientId, grantId, keyHash, prefix);
    }

    public Optional<PublishKey> publishKey(UUID id) {
        return Jdbc.first(dataSource, "SELECT id, client_id, grant_id, key_hash, revoked_at FROM publish_key WHERE id = ?",
                row -> new PublishKey(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getObject(3, UUID.class), row.getString(4), Jdbc.instant(row, 5)),
                id);
    }

    /** A publish key or long-lived token as listed: its id, the characters shown, and its grant. */
    public record IssuedToken(UUID id, String prefix, Instant createdAt, Instant expiresAt, UUID grantId) {
    }

    /** The client's unrevoked publish keys, newest first (they do not expire). */
    public List<IssuedToken> publishKeys(UUID clientId) {
        return Jdbc.list(dataSource, """
                        SELECT id, prefix, created_at, CAST(NULL AS timestamptz), grant_id FROM publish_key
                        WHERE client_id = ? AND revoked_at IS NULL ORDER BY created_at DESC""",
                GrantRepository::readIssuedToken, clientId);
    }

    public void revokeAccessToken(UUID jti, Instant expiresAt) {
        Jdbc.update(dataSource, "INSERT INTO revoked_access_token (jti, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                jti, expiresAt);
    }

    public boolean accessTokenRevoked(UUID jti) {
        return Jdbc.exists(dataSource, "SELECT 1 FROM revoked_access_token WHERE jti = ?", jti);
    }

    public void revokePublishKey(UUID id) {
        Jdbc.update(dataSource, "UPDATE publish_key SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", id);
    }

    public void saveLongLivedToken(UUID id, UUID clientId, UUID grantId, String tokenHash, String prefix, Instant expiresAt) {
        Jdbc.update(dataSource, """
                        INSERT INTO long_lived_token (id, client_id, grant_id, token_hash, prefix, expires_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, now())""", id, clientId, grantId, tokenHash, prefix, expiresAt);
    }

    /** The client's unrevoked, unexpired long-lived tokens, newest first. */
    public List<IssuedToken> longLivedTokens(UUID clientId) {
        return Jdbc.list(dataSource, LONG_LIVED + " ORDER BY t.created_at DESC", GrantRepository::readIssuedToken, clientId);
    }

    /** The grant of a long-lived token issued for the client, revoked or expired since or not. */
    public Optional<UUID> longLivedTokenGrant(UUID clientId, UUID tokenId) {
        return Jdbc.first(dataSource, "SELECT grant_id FROM long_lived_token WHERE client_id = ? AND id = ?",
                row -> row.getObject(1, UUID.class), clientId, tokenId);
    }

    private static final String LONG_LIVED = """
            SELECT t.id, t.prefix, t.created_at, t.expires_at, t.grant_id FROM long_lived_token t
            JOIN token_grant g ON g.id = t.grant_id
            WHERE t.client_id = ? AND g.revoked_at IS NULL AND t.expires_at > now()""";

    private static IssuedToken readIssuedToken(ResultSet row) throws SQLException {
        return new IssuedToken(row.getObject(1, UUID.class), row.getString(2), Jdbc.instant(row, 3), Jdbc.instant(row, 4),
                row.getObject(5, UUID.class));
    }

    /** The grant's columns id, client_id, account_id, kind, scope, revoked_at, from column {@code first} on. */
    private static Grant readGrant(ResultSet row, int first) throws SQLException {
        return new Grant(row.getObject(first, UUID.class), row.getObject(first + 1, UUID.class),
                row.getObject(first + 2, Long.class), row.getString(first + 3), row.getString(first + 4),
                Jdbc.instant(row, first + 5));
    }
}
