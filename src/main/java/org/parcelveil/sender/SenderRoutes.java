package org.parcelveil.sender;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.identity.Role;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.PersonInput;

/**
 * {@code /v1/senders}: a merchant's address book of senders and its default. Answers show each sender masked, as a
 * label does: enough to pick one, not a copy of the shop owner's name and mobile for whoever holds the token.
 */
public final class SenderRoutes implements Routes {
  private final Senders senders;

  public SenderRoutes(Senders senders) {
    this.senders = senders;
  }

  /** {@code POST /v1/senders}: a party, and whether it becomes the default. */
  record SaveRequest(String name, String phone, PersonInput.AddressInput address, Boolean isDefault) {
    @Override
    public String toString() {
      return "SaveRequest[REDACTED]";
    }
  }

  /** One entry as the API shows it. */
  record SenderView(String id, boolean isDefault, Masked masked, String createdAt) {
    static SenderView of(SavedSender s) {
      return new SenderView(s.id(), s.isDefault(), s.masked(), s.createdAt().toString());
    }
  }

  /** The address book: every entry fits one page ({@link Senders#MAX_PER_MERCHANT}), so there is never a next. */
  record SenderList(List<SenderView> items, String nextCursor) {}

  @Override
  public void register(RoutesConfig routes) {
    io.javalin.security.RouteRole[] merchant = Access.roles(Role.MERCHANT);
    routes.get("/v1/senders", this::list, merchant);
    routes.post("/v1/senders", this::save, merchant);
    routes.delete("/v1/senders/{id}", this::delete, merchant);
    routes.post("/v1/senders/{id}/default", this::makeDefault, merchant);
  }

  private void list(Context ctx) {
    String merchantId = Auth.principal(ctx).id();
    ctx.json(new SenderList(senders.list(merchantId).stream().map(SenderView::of).toList(), null));
  }

  private void save(Context ctx) {
    String merchantId = Auth.principal(ctx).id();
    SaveRequest r = Requests.body(ctx, SaveRequest.class);
    SavedSender s = senders.save(merchantId, new PersonInput(r.name(), r.phone(), r.address()),
        Boolean.TRUE.equals(r.isDefault()));
    ctx.status(201).header("Location", "/v1/senders/" + s.id()).json(SenderView.of(s));
  }

  private void delete(Context ctx) {
    if (!senders.delete(Auth.principal(ctx).id(), ctx.pathParam("id"))) {
      throw notFound();
    }
    ctx.status(204);
  }

  private void makeDefault(Context ctx) {
    String merchantId = Auth.principal(ctx).id();
    String id = ctx.pathParam("id");
    if (!senders.makeDefault(merchantId, id)) {
      throw notFound();
    }
    ctx.json(SenderView.of(senders.find(merchantId, id).orElseThrow(SenderRoutes::notFound)));
  }

  /** The same for an id of another merchant as for one that never existed: no oracle of other shops' ids. */
  private static ApiException notFound() {
    return ApiException.notFound("No such sender.");
  }
}
