package org.parcelveil.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What every console page shows around its content: the language, the signed-in person and their navigation, the
 * CSRF token for forms, and notices. Templates receive it as {@code frame}. {@code draftOwner} names the signed-in
 * principal opaquely (a hash of its id), so that a form kept over an ended session is filled in again only for the
 * same principal, never for the next person who signs in at a shared desk (static/console.js).
 */
public record Frame(Messages messages, String lang, String path, String csrf, @Nullable String userName,
    @Nullable String roleKey, List<NavItem> nav, List<String> notices, List<String> errors,
    List<FieldProblem> fieldProblems, @Nullable String draftOwner) {

  /** One navigation entry; {@code active} marks the page being shown. */
  public record NavItem(String href, String labelKey, boolean active) {}

  public String t(String key, Object... args) {
    return messages.get(lang, key, args);
  }

  public String otherLang() {
    return Messages.ZH.equals(lang) ? Messages.EN : Messages.ZH;
  }

  /** The language-switch link: back to this page in the other language. */
  public String langHref() {
    if (path.startsWith("/privacy")) {
      return "/privacy/lang/" + otherLang(); // the public privacy page keeps its own language cookie
    }
    return "/console/lang/" + otherLang() + "?back=" + java.net.URLEncoder.encode(path,
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The HTML lang attribute. */
  public String htmlLang() {
    return Messages.ZH.equals(lang) ? "zh-CN" : "en";
  }

  public boolean signedIn() {
    return userName != null;
  }

  public Frame withNotice(String text) {
    List<String> n = new java.util.ArrayList<>(notices);
    n.add(text);
    return new Frame(messages, lang, path, csrf, userName, roleKey, nav, List.copyOf(n), errors, fieldProblems, draftOwner);
  }

  public Frame withErrors(List<String> texts) {
    List<String> e = new java.util.ArrayList<>(errors);
    e.addAll(texts);
    return new Frame(messages, lang, path, csrf, userName, roleKey, nav, notices, List.copyOf(e), fieldProblems, draftOwner);
  }

  /**
   * A service's field refusals, each shown beside its input ({@code inputOf} maps the API's path to the form's input
   * id, or null when the form has none) and listed at the top with a link to it, in the page's language.
   */
  public Frame withFieldErrors(List<org.parcelveil.validation.FieldError> refused,
      java.util.function.Function<String, @Nullable String> inputOf) {
    List<FieldProblem> p = new java.util.ArrayList<>(fieldProblems);
    for (var e : refused) {
      String input = inputOf.apply(e.field());
      // One message per input: a second rule for the same field adds nothing a person can act on.
      if (input == null || p.stream().noneMatch(x -> input.equals(x.inputId()))) {
        p.add(new FieldProblem(input, FieldMessages.label(this, e.field()), FieldMessages.rule(this, e)));
      }
    }
    return new Frame(messages, lang, path, csrf, userName, roleKey, nav, notices, errors, List.copyOf(p), draftOwner);
  }

  /** What is wrong with input {@code id}, or null when nothing is. */
  public @Nullable String fieldError(String id) {
    return fieldProblems.stream().filter(p -> id.equals(p.inputId())).map(FieldProblem::text).findFirst()
        .orElse(null);
  }

  /** {@code "true"} for an input that was refused, else null (the attribute is then left out). */
  public @Nullable String invalid(String id) {
    return fieldError(id) == null ? null : "true";
  }

  /** The input's {@code aria-describedby}: its error message first (when refused), then its hints; null if none. */
  public @Nullable String describedBy(String id, String... hints) {
    List<String> ids = new java.util.ArrayList<>();
    if (fieldError(id) != null) {
      ids.add(id + "-error");
    }
    ids.addAll(List.of(hints));
    return ids.isEmpty() ? null : String.join(" ", ids);
  }
}
