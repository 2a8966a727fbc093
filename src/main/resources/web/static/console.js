/*
 * ParcelVeil console: keeps what was typed in a form across a session that ended meanwhile. A form marked
 * data-draft is copied into this tab's sessionStorage as it is sent (never passwords, codes, files or hidden
 * tokens). If the answer is the sign-in page (the session had ended) or a page marked data-draft-keep (the form was
 * refused whole), the copy waits; once signed in again, the form's page is opened and filled from it, then the copy
 * is deleted, but only for the person who typed it (data-draft-owner): another person signing in at the same desk
 * gets an empty form and the copy is deleted. Any other answer means the server had the form, and the copy is
 * deleted at once. Sign-out's Clear-Site-Data deletes it too, and closing the tab ends sessionStorage.
 */
(function () {
  "use strict";
  var KEY = "pv-draft";

  function read() {
    try { return JSON.parse(sessionStorage.getItem(KEY) || "null"); } catch (e) { return null; }
  }
  function write(d) {
    try { sessionStorage.setItem(KEY, JSON.stringify(d)); } catch (e) { /* full or off: nothing is kept */ }
  }
  function drop() {
    try { sessionStorage.removeItem(KEY); } catch (e) { /* nothing to drop */ }
  }
  function kept(el) {
    var t = (el.type || "").toLowerCase();
    return el.name && t !== "password" && t !== "hidden" && t !== "file" && t !== "submit"
      && el.autocomplete !== "one-time-code" && !el.hasAttribute("data-draft-skip");
  }

  function save(form) {
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el)) { return; }
      var t = (el.type || "").toLowerCase();
      if (t === "checkbox" || t === "radio") {
        if (el.checked) { fields[el.name + "=" + el.value] = "on"; }
      } else {
        fields[el.name] = el.value;
      }
    });
    write({ form: form.getAttribute("data-draft"), path: location.pathname, fields: fields, waiting: false,
      owner: document.body.getAttribute("data-draft-owner") });
  }

  function fill(form, d) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!kept(el)) { return; }
      var t = (el.type || "").toLowerCase();
      if (t === "checkbox" || t === "radio") {
        el.checked = d.fields[el.name + "=" + el.value] === "on";
      } else if (Object.prototype.hasOwnProperty.call(d.fields, el.name)) {
        el.value = d.fields[el.name];
      }
    });
    var note = document.getElementById("draft-restored");
    if (note) { note.hidden = false; }
  }

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form && form.hasAttribute && form.hasAttribute("data-draft")) { save(form); }
  });

  var d = read();
  if (!d) { return; }
  var body = document.body;
  if (!body.hasAttribute("data-signed-in") || document.querySelector("[data-draft-keep]")) {
    d.waiting = true; // the sign-in page, or the form refused whole: keep the copy for later
    write(d);
    return;
  }
  if (!d.waiting) {
    drop(); // the server had the form and answered it
    return;
  }
  if (!d.owner || d.owner !== body.getAttribute("data-draft-owner")) {
    drop(); // someone else signed in at this desk: what the last person typed is not theirs to see
    return;
  }
  var form = document.querySelector("form[data-draft='" + d.form + "']");
  if (form && location.pathname === d.path) {
    drop();
    fill(form, d);
  } else if (location.pathname !== d.path && /^\/console\//.test(d.path)) {
    location.assign(d.path); // back to the form the session ended on
  } else {
    drop();
  }
})();
