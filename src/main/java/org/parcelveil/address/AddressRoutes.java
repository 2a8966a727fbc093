package org.parcelveil.address;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.parcelveil.http.Access;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.identity.Role;
import org.parcelveil.validation.ValidationException;

/**
 * {@code POST /v1/addresses/parse}: splits a pasted address line into the fields of a party, for whoever fills in
 * addresses (merchants for shipments and senders, platforms for orders, admins for stations). Stores nothing and
 * logs nothing of the text; a refusal never quotes it.
 */
public final class AddressRoutes implements Routes {
  private final AddressParser parser;

  public AddressRoutes(AddressParser parser) {
    this.parser = parser;
  }

  record ParseBody(String text) {
    @Override
    public String toString() {
      return "ParseBody[REDACTED]";
    }
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/addresses/parse", this::parse, Access.roles(Role.MERCHANT, Role.PLATFORM, Role.ADMIN));
  }

  private void parse(Context ctx) {
    ParseBody body = Requests.body(ctx, ParseBody.class);
    ctx.json(parser.parse(text(body.text())));
  }

  /** The text to parse: required, at most {@link AddressParser#MAX_LENGTH} characters; line breaks become spaces. */
  static String text(String text) {
    if (text == null || text.isBlank()) {
      throw ValidationException.of("text", "is required");
    }
    if (text.codePointCount(0, text.length()) > AddressParser.MAX_LENGTH) {
      throw ValidationException.of("text", "must have at most " + AddressParser.MAX_LENGTH + " characters");
    }
    StringBuilder clean = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> clean.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
    return clean.toString();
  }
}
