package org.parcelveil.keys;

import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Opens a master key held in a KMS through Tink's {@link KmsClient} interface. A client is found, in order, among
 * those registered with {@link KmsClients#add} (e.g. by an embedding application), then among the
 * {@code KmsClient} implementations on the class path ({@code META-INF/services/com.google.crypto.tink.KmsClient}:
 * Tink's {@code tink-gcpkms} and {@code tink-awskms} ship one; {@code local-kms://} is built in). Such a client
 * gets the credentials file named by {@value #CREDENTIALS_ENV}, or its provider's default credentials.
 */
final class KmsMasterKeys {
  static final String CREDENTIALS_ENV = "PARCELVEIL_KMS_CREDENTIALS";

  private KmsMasterKeys() {}

  static MasterKey open(String uri, Map<String, String> env) {
    try {
      return MasterKey.ofKms(client(uri, env).getAead(uri), uri);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("the KMS key " + uri + " cannot be used: " + e.getMessage(), e);
    }
  }

  private static KmsClient client(String uri, Map<String, String> env) throws GeneralSecurityException {
    try {
      return KmsClients.get(uri);
    } catch (GeneralSecurityException notRegistered) {
      // fall through to the class path
    }
    for (KmsClient client : ServiceLoader.load(KmsClient.class)) {
      if (client.doesSupport(uri)) {
        String credentials = env.get(CREDENTIALS_ENV);
        return credentials == null || credentials.isBlank()
            ? client.withDefaultCredentials() : client.withCredentials(credentials);
      }
    }
    throw new KeyStoreException("no KMS client on the class path handles " + scheme(uri) + " URIs: add the KMS "
        + "plug-in's jar (e.g. com.google.crypto.tink:tink-gcpkms for gcp-kms://) as docs/keys.md describes");
  }

  private static String scheme(String uri) {
    int i = uri.indexOf("://");
    return i < 0 ? "such" : uri.substring(0, i + 3);
  }
}
