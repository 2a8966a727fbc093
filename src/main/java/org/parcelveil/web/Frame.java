package org.parcelveil.web;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What every console page shows around its content: the language, the signed-in person and their navigation, the
 * CSRF token for forms, and notices. Templates receive it as {@code frame}.
 */
public record Frame(Messages messages, String lang, String path, String csrf, @Nullable String userName,
    @Nullable String roleKey, List<NavItem> nav, List<String> notices, List<String> errors) {

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
    return new Frame(messages, lang, path, csrf, userName, roleKey, nav, List.copyOf(n), errors);
  }

  public Frame withErrors(List<String> texts) {
    List<String> e = new java.util.ArrayList<>(errors);
    e.addAll(texts);
    return new Frame(messages, lang, path, csrf, userName, roleKey, nav, notices, List.copyOf(e));
  }
}
