package org.parcelveil.leaks.attribution;

import org.jspecify.annotations.Nullable;

/** Whoever could have leaked a record: a principal, or a channel a canary was exposed through. */
public record Agent(@Nullable String principalId, @Nullable String channel) {

  public static Agent principal(String id) {
    return new Agent(id, null);
  }

  public static Agent channel(String name) {
    return new Agent(null, name);
  }

  @Override
  public String toString() {
    return principalId != null ? principalId : "channel:" + channel;
  }
}
