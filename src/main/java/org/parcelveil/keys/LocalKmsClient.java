package org.parcelveil.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;

/**
 * A Tink {@link KmsClient} for {@code local-kms://<path>} URIs: the "KMS" is a file holding base64 of 32 random
 * bytes. It exists for development and tests, to drive the KMS path end to end without a cloud account; it is no
 * safer than a master-key file. Loaded like any KMS plug-in, through {@code META-INF/services}.
 */
public final class LocalKmsClient implements KmsClient {
  public static final String PREFIX = "local-kms://";

  @Override
  public boolean doesSupport(String keyUri) {
    return keyUri != null && keyUri.toLowerCase(Locale.ROOT).startsWith(PREFIX);
  }

  @Override
  public KmsClient withCredentials(String credentialPath) {
    return this;
  }

  @Override
  public KmsClient withDefaultCredentials() {
    return this;
  }

  @Override
  public Aead getAead(String keyUri) throws GeneralSecurityException {
    if (!doesSupport(keyUri)) {
      throw new GeneralSecurityException("not a " + PREFIX + " URI");
    }
    Path file = Path.of(keyUri.substring(PREFIX.length()));
    byte[] key;
    try {
      key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
    } catch (IOException | IllegalArgumentException e) {
      throw new GeneralSecurityException("the local KMS key file " + file + " cannot be read as base64", e);
    }
    if (key.length != 32) {
      throw new GeneralSecurityException("the local KMS key in " + file + " must be 32 bytes");
    }
    return new AesGcmJce(key);
  }
}
