package org.parcelveil.app;

/** A setting's value was refused: names the setting and where the value came from, never a secret's value. */
public final class InvalidSettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidSettingException(Setting setting, String source, String reason) {
    super("invalid " + setting.name() + " (from " + source + "): " + reason);
  }
}
