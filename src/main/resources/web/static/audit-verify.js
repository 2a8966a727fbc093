// Checks, in the browser, that each audit entry on the page is in the log: hashes the entry's canonical bytes as
// an RFC 6962 leaf, fetches its inclusion proof for the latest checkpoint, and recomputes the checkpoint's root
// (RFC 9162, section 2.1.3.2). Uses only this origin and the browser's own SHA-256.
(function () {
  'use strict';
  var status = document.getElementById('checkpoint-status');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#audit-entries tr[data-index]'));
  if (!status) { return; }

  function fromHex(s) {
    var out = new Uint8Array(s.length / 2);
    for (var i = 0; i < out.length; i++) { out[i] = parseInt(s.substr(i * 2, 2), 16); }
    return out;
  }
  function toHex(b) {
    return Array.prototype.map.call(b, function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
  }
  function fromBase64(s) {
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) { out[i] = bin.charCodeAt(i); }
    return out;
  }
  function sha256(parts) {
    var len = parts.reduce(function (n, p) { return n + p.length; }, 0);
    var buf = new Uint8Array(len);
    var o = 0;
    parts.forEach(function (p) { buf.set(p, o); o += p.length; });
    return crypto.subtle.digest('SHA-256', buf).then(function (d) { return new Uint8Array(d); });
  }
  function leafHash(data) { return sha256([Uint8Array.of(0), data]); }
  function nodeHash(l, r) { return sha256([Uint8Array.of(1), l, r]); }

  async function rootFromPath(index, size, leaf, path) {
    if (index >= size) { return null; }
    var fn = index, sn = size - 1, r = leaf;
    for (var i = 0; i < path.length; i++) {
      var p = path[i];
      if (sn === 0) { return null; }
      if (fn % 2 === 1 || fn === sn) {
        r = await nodeHash(p, r);
        if (fn % 2 === 0) {
          while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
        }
      } else {
        r = await nodeHash(r, p);
      }
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
    return sn === 0 ? r : null;
  }

  function mark(row, ok, text) {
    var cell = row.querySelector('.proof');
    cell.textContent = text;
    cell.className = 'proof ' + (ok === true ? 'ok' : ok === false ? 'bad' : 'pending');
    row.setAttribute('data-verified', ok === true ? 'yes' : ok === false ? 'no' : 'later');
  }

  async function run() {
    if (!window.crypto || !crypto.subtle) {
      status.textContent = status.getAttribute('data-bad');
      return;
    }
    var note = await (await fetch('/v1/audit/checkpoint', { credentials: 'omit' })).text();
    var lines = note.split('\n');
    var size = parseInt(lines[1], 10);
    var root = fromBase64(lines[2]);
    status.textContent = status.getAttribute('data-checkpoint') + ' ' + size + ' · ' + toHex(root).slice(0, 16) + '…';
    status.setAttribute('data-size', String(size));
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var index = parseInt(row.getAttribute('data-index'), 10);
      if (index >= size) { mark(row, null, status.getAttribute('data-later')); continue; }
      try {
        var leaf = await leafHash(fromHex(row.getAttribute('data-entry')));
        var proof = await (await fetch('/v1/audit/proofs/inclusion?index=' + index + '&size=' + size,
          { credentials: 'omit' })).json();
        var path = proof.hashes.map(fromHex);
        var computed = await rootFromPath(index, size, leaf, path);
        var ok = proof.leafHash === toHex(leaf) && computed !== null && toHex(computed) === toHex(root);
        mark(row, ok, status.getAttribute(ok ? 'data-ok' : 'data-bad'));
      } catch (e) {
        mark(row, false, status.getAttribute('data-bad'));
      }
    }
    status.setAttribute('data-done', 'yes');
  }
  run().catch(function () { status.textContent = status.getAttribute('data-bad'); status.setAttribute('data-done', 'yes'); });
})();
