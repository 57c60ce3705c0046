// The bell in the header: keeps its unread count current with the `notification` events the
// hub pushes to this member's own room on the Socket.IO namespace /live. Without JavaScript
// (or without a connection) the count shown is the one of the last page load.
(function () {
  "use strict";
  var bell = document.querySelector("[data-notification-bell]");
  if (!bell || typeof window.io !== "function") {
    return;
  }
  var count = bell.querySelector("[data-notification-count]");
  // The translated aria-label with "{n}" where the number goes, rendered by the server.
  var label = bell.getAttribute("data-label") || "";

  function show(unread) {
    count.textContent = String(unread);
    count.hidden = unread === 0;
    count.classList.toggle("badge", unread > 0);
    bell.setAttribute("aria-label", label.replace("{n}", String(unread)));
  }

  // After a reconnect, ask the database for the count: pushes sent meanwhile are lost.
  function refresh() {
    var url = bell.getAttribute("data-count-url");
    if (!url || !window.fetch) { return; }
    window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && typeof data.unread === "number") { show(data.unread); }
      })
      .catch(function () { /* offline again: the next reconnect tries once more */ });
  }

  // One connection per page: Socket.IO opens a new one each time a namespace is asked again.
  var socket = window.hubSocket || (window.hubSocket = window.io("/live"));
  var connectedBefore = false;
  // data-live says whether the count is kept current (for styling and for tests).
  socket.on("connect", function () {
    bell.setAttribute("data-live", "on");
    if (connectedBefore) { refresh(); }
    connectedBefore = true;
  });
  socket.on("disconnect", function () { bell.setAttribute("data-live", "off"); });
  socket.on("notification", function (event) {
    if (event && typeof event.unread === "number" && event.unread >= 0) {
      show(event.unread);
    }
  });
})();
