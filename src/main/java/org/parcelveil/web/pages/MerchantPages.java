package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.address.AddressParser;
import org.parcelveil.address.Divisions;
import org.parcelveil.http.ApiException;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.relay.Relay;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.sender.Senders;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentFilter;
import org.parcelveil.shipment.ShipmentRepository;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.web.FieldMessages;
import org.parcelveil.web.FormLimits;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;
import org.parcelveil.web.session.Ids;

/** The merchant's screens: own shipments (masked, searchable), a new shipment, CSV import, and label links. */
public final class MerchantPages {
  /** The console's own list name for cursors (an API cursor is refused here, and the other way round). */
  static final String LIST = "console-shipments";
  private final Gate gate;
  private final Shipments shipments;
  private final Views views;
  private final ShipmentImport imports;
  private final Relay relay;
  private final Senders senders;
  private final PastedAddress paste;

  public MerchantPages(Gate gate, Shipments shipments, Relay relay, Views views, Senders senders) {
    this.gate = gate;
    this.shipments = shipments;
    this.senders = senders;
    this.relay = relay;
    this.views = views;
    this.imports = new ShipmentImport(shipments);
    this.paste = new PastedAddress(new AddressParser(Divisions.official()));
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> merchant = EnumSet.of(Role.MERCHANT);
    routes.get("/console/merchant", gate.page(merchant, this::list));
    routes.get("/console/merchant/new", gate.page(merchant, (ctx, v) -> form(ctx, v, defaultSender(v), null)));
    routes.post("/console/merchant/new", gate.page(merchant, this::create));
    routes.get("/console/merchant/import", gate.page(merchant, (ctx, v) -> importPage(ctx, v.frame(), null)));
    routes.post("/console/merchant/import", gate.page(merchant, this::importFile));
    routes.post("/console/merchant/contact", gate.page(merchant, this::contact));
    routes.get("/console/merchant/import/template.csv", gate.page(merchant, (ctx, v) ->
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=shipments.csv")
            .result(ShipmentImport.template())));
  }

  /**
   * Own shipments, newest first, a page at a time ({@link Paging}, as the API), with the total that matches. The
   * search takes a waybill (that one shipment, if it is the merchant's) or the merchant's own order reference
   * (exact); a state narrows the list.
   */
  private void list(Context ctx, Gate.Visit v) {
    String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").trim();
    String state = ctx.queryParam("state") == null ? "" : ctx.queryParam("state").trim();
    String merchant = v.principal().id();
    Frame frame = v.frame();
    ShipmentFilter filter = ShipmentFilter.NONE;
    Paging.Request request = Paging.of(LIST, null, null);
    try {
      request = Paging.of(LIST, ctx.queryParam("limit"), ctx.queryParam("cursor"));
      filter = ShipmentFilter.parse(q.isEmpty() || shipments.isWellFormed(q) ? null : q,
          state.isEmpty() ? null : state, null, null);
    } catch (ValidationException e) {
      ctx.status(400);
      frame = frame.withErrors(describe(frame, e.errors()));
      q = "";
      state = "";
    }
    List<ShipmentRow> rows = new ArrayList<>();
    String next = null;
    long total;
    if (!q.isEmpty() && shipments.isWellFormed(q)) {
      shipments.find(q).filter(s -> s.merchantId().equals(merchant))
          .ifPresent(s -> rows.add(ShipmentRow.of(s, shipments.masked(s, PartyRole.RECIPIENT))));
      total = rows.size();
    } else {
      Page<ShipmentRepository.Listed> page = shipments.list(merchant, filter, request);
      page.items().forEach(l -> rows.add(ShipmentRow.of(l.shipment(),
          shipments.masked(l.shipment(), PartyRole.RECIPIENT), l.printedAt())));
      next = page.nextCursor() == null ? null : "/console/merchant?q=" + encode(q) + "&state=" + encode(state)
          + "&cursor=" + page.nextCursor();
      total = shipments.count(merchant, filter);
    }
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("rows", rows);
    params.put("q", q.length() > 64 ? "" : q);
    params.put("state", state);
    params.put("total", total);
    params.put("next", next);
    params.put("first", request.after() == null);
    views.page(ctx, "merchant/list.jte", params);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A relayed number to the buyer of one of the merchant's sealed shipments (after-sales): the buyer's phone never
   * reaches the page. Another merchant's shipment reads as an unknown number; the refusal is logged either way.
   */
  private void contact(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    Optional<Shipment> s = shipments.find(ctx.formParam("waybill"));
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("waybill", "");
    params.put("contact", null);
    params.put("message", frame.t("reason.unknown_waybill"));
    params.put("back", "/console/merchant");
    if (s.isPresent()) {
      try {
        params.put("contact", relay.contact(v.principal(), s.get()));
        params.put("waybill", s.get().waybill());
        params.put("message", null);
      } catch (Relay.RefusedException e) {
        if (v.principal().id().equals(s.get().merchantId())) {
          ctx.status(403);
          params.put("waybill", s.get().waybill());
          params.put("message", frame.t("reason." + e.reason()) + " (" + frame.t("reveal.logged", e.auditIndex()) + ")");
        }
      }
    }
    views.page(ctx, "contact.jte", params);
  }

  /** The form's values for a fresh shipment: the merchant's default sender, if it saved one. */
  private Map<String, String> defaultSender(Gate.Visit v) {
    return senders.defaultSender(v.principal().id()).map(s -> ShipmentForm.senderValues(s.person()))
        .orElse(Map.of());
  }

  private void form(Context ctx, Gate.Visit v, Map<String, String> values, ShipmentRow created) {
    form(ctx, v, v.frame(), values, created);
  }

  private void form(Context ctx, Gate.Visit v, Frame frame, Map<String, String> values, ShipmentRow created) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("values", values);
    params.put("created", created);
    params.put("senders", senders.list(v.principal().id()).stream().map(SenderOption::of).toList());
    params.put("limits", ShipmentForm.LIMITS);
    // A fresh key per rendered form: a double submit creates the shipment once.
    params.put("idem", Ids.random256());
    views.page(ctx, "merchant/new.jte", params);
  }

  private void create(Context ctx, Gate.Visit v) {
    // A value past its field's limit is dropped here, before anything reads it: refused beside its field, never
    // shown back, while the rest of the form comes back as typed.
    FormLimits.Bounded form = ShipmentForm.LIMITS.check(ctx::formParam, ShipmentForm.LIMITED);
    if (paste.requested(form::value) != null) {
      PastedAddress.Filled filled = paste.fill(form::value, v.frame());
      ctx.status(filled.ok() && form.refused().isEmpty() ? 200 : 400);
      form(ctx, v, filled.frame().withFieldErrors(form.refused(), ShipmentForm::inputOf), filled.values(), null);
      return;
    }
    Principal merchant = v.principal();
    ShipmentForm.Parsed parsed = ShipmentForm.parse(form::value);
    String idem = ctx.formParam("idem");
    try {
      if (!parsed.errors().isEmpty() || !form.refused().isEmpty()) {
        NewShipmentCheck.throwWith(merchant, parsed, form.refused(), shipments);
      }
      Shipments.Created c = shipments.create(merchant, parsed.request(), Ids.wellFormed(idem) ? idem : null);
      Frame frame = v.frame().withNotice(v.frame().t("merchant.created", c.shipment().waybill()));
      List<String> notSaved = keepSender(ctx, v.frame(), merchant, parsed);
      if (!notSaved.isEmpty()) {
        frame = frame.withErrors(notSaved);
      }
      // The form keeps the sender for the next shipment: a packing desk ships from one address all day.
      form(ctx, v, frame, ShipmentForm.senderValues(form::value), ShipmentRow.of(c.shipment(), c.recipient()));
    } catch (ValidationException e) {
      ctx.status(400);
      form(ctx, v, v.frame().withFieldErrors(e.errors(), ShipmentForm::inputOf), ShipmentForm.values(form::value),
          null);
    } catch (ApiException e) {
      if (e.errors().isEmpty()) {
        throw e;
      }
      ctx.status(e.status()); // a recipient's district the network does not serve, named like a field error
      form(ctx, v, v.frame().withFieldErrors(e.errors(), ShipmentForm::inputOf), ShipmentForm.values(form::value),
          null);
    } catch (Shipments.IdempotencyConflictException e) {
      ctx.status(409);
      form(ctx, v, v.frame().withErrors(List.of(v.frame().t("merchant.duplicate"))),
          ShipmentForm.values(form::value), null);
    }
  }

  /**
   * After a shipment: saves the typed sender to the address book, or makes it or the chosen saved one the default,
   * as the form's boxes ask. Returns why it could not (the shipment stands either way).
   */
  private List<String> keepSender(Context ctx, Frame frame, Principal merchant, ShipmentForm.Parsed parsed) {
    boolean save = ctx.formParam("sender_save") != null;
    boolean asDefault = ctx.formParam("sender_default") != null;
    String chosen = parsed.request().senderId();
    try {
      if (chosen != null && asDefault) {
        senders.makeDefault(merchant.id(), chosen);
      } else if (chosen == null && parsed.request().sender() != null && (save || asDefault)) {
        senders.save(merchant.id(), parsed.request().sender(), asDefault);
      }
      return List.of();
    } catch (ValidationException e) {
      return describe(frame, e.errors());
    }
  }

  private void importPage(Context ctx, Frame frame, ShipmentImport.Result result) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("result", result);
    // Spaced, so the list wraps on a phone instead of making the page thousands of pixels wide.
    params.put("columns", String.join(", ", ShipmentImport.COLUMNS));
    views.page(ctx, "merchant/import.jte", params);
  }

  private void importFile(Context ctx, Gate.Visit v) {
    UploadedFile file = ctx.uploadedFile("file");
    if (file == null || file.size() == 0) {
      ctx.status(400);
      importPage(ctx, v.frame().withErrors(List.of(v.frame().t("import.no_file"))), null);
      return;
    }
    ShipmentImport.Result result = file.size() > ShipmentImport.MAX_FILE_BYTES
        ? ShipmentImport.Result.refused(ImportProblem.of("import.too_large"))
        : imports.run(v.principal(), file.contentAndClose(MerchantPages::readAll),
            ImportText.Choice.of(ctx.formParam("encoding")));
    if (result.fileError() != null) {
      ctx.status(400);
    }
    importPage(ctx, v.frame(), result);
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Field errors as lines: the field's label and the rule it broke, in the page's language (never the value). */
  static List<String> describe(Frame frame, List<FieldError> errors) {
    return errors.stream().map(e -> FieldMessages.line(frame, e)).toList();
  }

  /** Runs the shipment's own validation as well, so parse errors and rule errors are reported together. */
  static final class NewShipmentCheck {
    private NewShipmentCheck() {}

    static void throwWith(Principal merchant, ShipmentForm.Parsed parsed, List<FieldError> tooLong,
        Shipments shipments) {
      List<FieldError> all = new ArrayList<>(tooLong);
      all.addAll(parsed.errors());
      try {
        shipments.validate(merchant, parsed.request());
      } catch (ValidationException e) {
        e.errors().stream().filter(x -> all.stream().noneMatch(y -> y.field().equals(x.field()))).forEach(all::add);
      } catch (ApiException e) {
        e.errors().stream().filter(x -> all.stream().noneMatch(y -> y.field().equals(x.field()))).forEach(all::add);
      }
      throw new ValidationException(all);
    }
  }
}
