// Keeps what a member types into a text box in this browser until the hub has it. A lost
// connection, a server restart or a crash between typing and the saved page never loses the
// text: the next time the form is shown empty, the text is back in it.
(function () {
  "use strict";
  var PREFIX = "nabe-draft:";
  var KEEP_MS = 7 * 24 * 3600 * 1000; // a week; older drafts are forgotten
  var restoredText = (document.currentScript && document.currentScript.dataset.restored) || "";

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key)); } catch (error) { return null; }
  }
  function write(key, text, sent) {
    try {
      localStorage.setItem(key, JSON.stringify({ text: text, sent: sent, at: Date.now() }));
    } catch (error) { /* storage full or off: the form still works, only without drafts */ }
  }
  function keyOf(box) {
    return PREFIX + new URL(box.form.action, location.href).pathname + "#" + box.name;
  }

  // A success message means the form sent last arrived: its drafts are in the hub now.
  if (document.querySelector(".flash-message")) {
    Object.keys(localStorage).forEach(function (key) {
      var draft = key.indexOf(PREFIX) === 0 && read(key);
      if (draft && draft.sent) { localStorage.removeItem(key); }
    });
  }

  function restore(box, key) {
    var draft = read(key);
    if (!draft || Date.now() - draft.at > KEEP_MS) { localStorage.removeItem(key); return; }
    if (box.value.trim()) {
      // The hub showed the form again with the text in it: that sending failed.
      if (box.value === draft.text) { write(key, draft.text, false); }
      return;
    }
    box.value = draft.text;
    var note = document.createElement("p");
    note.className = "draft-note";
    note.setAttribute("role", "status");
    note.textContent = restoredText;
    box.parentNode.insertBefore(note, box);
  }

  document.querySelectorAll("form[method=post] textarea[name]").forEach(function (box) {
    if (box.hasAttribute("data-no-draft")) { return; }
    var key = keyOf(box);
    var timer = null;
    restore(box, key);
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (box.value.trim()) { write(key, box.value, false); } else { localStorage.removeItem(key); }
      }, 300);
    });
    box.form.addEventListener("submit", function () {
      clearTimeout(timer);
      if (box.value.trim()) { write(key, box.value, true); }
    });
  });
})();
