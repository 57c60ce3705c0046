// Unread chat messages per room, live on every page of a logged-in member: the badge on the
// "Chat" entry of the navigation, the counts on the room list, and for the team the number of
// private lines waiting for an answer. Counts come from the hub once per connection
// (`chat_watch`); then `chat_activity` says a room's message total grew and `chat_read` that this
// member read a room (on any of their pages). Without JavaScript the counts of the page load show.
(function () {
  "use strict";
  var nav = document.querySelector("[data-chat-nav]");
  if (!nav || typeof window.io !== "function") {
    return;
  }
  var rooms = {}; // slug -> { unread, count }: the rooms this member follows
  var waiting = null;
  var chatPage = document.querySelector("[data-chat]");
  var openSlug = chatPage ? chatPage.getAttribute("data-room") : null;

  function badge(element, n) {
    if (!element) { return; }
    var number = element.querySelector("[data-count]") || element;
    number.textContent = String(n);
    element.hidden = !n;
    // `.badge` sets a display that would show a hidden element: the class goes with the count.
    element.className = n ? element.getAttribute("data-badge-class") || "" : "";
  }

  function show() {
    var total = 0;
    Object.keys(rooms).forEach(function (slug) { total += rooms[slug].unread; });
    badge(nav.querySelector("[data-chat-nav-unread]"), total);
    badge(nav.querySelector("[data-chat-nav-waiting]"), waiting || 0);
    Array.prototype.forEach.call(document.querySelectorAll("[data-chat-room-item]"), function (item) {
      var room = rooms[item.getAttribute("data-chat-room-item")];
      badge(item.querySelector("[data-chat-unread]"), room ? room.unread : 0);
    });
    var waitingLine = document.querySelector("[data-chat-waiting]");
    if (waitingLine && waiting !== null) { waitingLine.textContent = String(waiting); }
  }

  // The room open and in view counts as read: chat.js tells the hub, which answers `chat_read`.
  function viewing(slug) {
    return slug === openSlug && document.visibilityState === "visible";
  }

  // One connection per page: Socket.IO opens a new one each time a namespace is asked again.
  var socket = window.hubSocket || (window.hubSocket = window.io("/live"));
  socket.on("connect", function () {
    socket.emit("chat_watch", {}, function (reply) {
      if (!reply || !reply.ok) { return; }
      rooms = reply.rooms;
      waiting = reply.waiting;
      show();
      nav.setAttribute("data-live", "on");
    });
  });
  socket.on("disconnect", function () { nav.setAttribute("data-live", "off"); });
  socket.on("chat_activity", function (event) {
    var room = event && rooms[event.room];
    if (!room || typeof event.count !== "number" || event.count <= room.count) { return; }
    if (!viewing(event.room)) { room.unread += event.count - room.count; }
    room.count = event.count;
    show();
  });
  socket.on("chat_read", function (event) {
    if (!event || typeof event.unread !== "number") { return; }
    var known = rooms[event.room];
    if (known && known.count > event.count) { return; } // an older answer overtaken by news
    rooms[event.room] = { unread: event.unread, count: event.count };
    show();
  });
  socket.on("chat_waiting", function (event) {
    if (event && typeof event.waiting === "number") {
      waiting = event.waiting;
      show();
    }
  });
})();
