package org.parcelveil.web;

import io.javalin.http.Context;
import org.parcelveil.identity.Principal;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.web.session.Accounts;

/**
 * {@code POST /v1/console/setup-links} (admin token) {@code {principalId?}}: a one-time link for a person to set their
 * console password; without an id, for the caller. It is how the first admin, who has only the API token made at
 * first start, gets into the console.
 */
final class SetupLinkApi {
  private final Accounts accounts;
  private final String publicUrl;

  SetupLinkApi(Accounts accounts, String publicUrl) {
    this.accounts = accounts;
    this.publicUrl = publicUrl;
  }

  record Body(String principalId) {}

  record LinkView(String principalId, String url, String expiresAt) {
    @Override
    public String toString() {
      return "LinkView[" + principalId + ", REDACTED]";
    }
  }

  void create(Context ctx) {
    Principal admin = Auth.principal(ctx);
    Body body = ctx.body().isBlank() ? new Body(null) : Requests.body(ctx, Body.class);
    // Without a principal id the link is for the calling admin: how the first admin gets into the console.
    String id = body.principalId() == null ? admin.id() : body.principalId();
    Accounts.SetupLink link;
    try {
      link = accounts.createSetupLink(admin, id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No active person with that id.");
    }
    ctx.status(201).header("Cache-Control", "no-store")
        .json(new LinkView(id, link.url(publicUrl), link.expiresAt().toString()));
  }
}
