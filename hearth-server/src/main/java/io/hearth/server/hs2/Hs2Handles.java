package io.hearth.server.hs2;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.UUID;
import org.apache.hive.service.rpc.thrift.THandleIdentifier;

/** Session and operation handles: a random guid names one, a random secret must come with it. */
final class Hs2Handles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Hs2Handles() {}

    /** What a handle is looked up by; the secret is checked once found. */
    record Key(UUID guid, byte[] secret) {
        static Key random() {
            byte[] secret = new byte[16];
            RANDOM.nextBytes(secret);
            return new Key(UUID.randomUUID(), secret);
        }

        static Key of(THandleIdentifier handle) {
            ByteBuffer guid = ByteBuffer.wrap(handle.getGuid());
            if (guid.remaining() != 16) {
                return new Key(new UUID(0, 0), new byte[0]);
            }
            return new Key(new UUID(guid.getLong(), guid.getLong()), handle.getSecret());
        }

        THandleIdentifier identifier() {
            ByteBuffer guidBytes = ByteBuffer.allocate(16);
            guidBytes.putLong(guid.getMostSignificantBits()).putLong(guid.getLeastSignificantBits());
            guidBytes.flip();
            return new THandleIdentifier(guidBytes, ByteBuffer.wrap(secret.clone()));
        }

        boolean sameSecret(Key other) {
            return MessageDigest.isEqual(secret, other.secret);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.guid.equals(guid);
        }

        @Override
        public int hashCode() {
            return guid.hashCode();
        }

        @Override
        public String toString() {
            return guid.toString();
        }
    }
}
