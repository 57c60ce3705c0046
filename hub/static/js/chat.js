// A chat room page: live messages over Socket.IO (/live), a composer, a typing indicator and
// presence. After any reconnect the page asks for everything after the last id it shows, so a
// network drop loses nothing; messages are keyed by id, so nothing shows twice.
(function () {
  "use strict";
  var root = document.querySelector("[data-chat]");
  if (!root || typeof window.io !== "function") {
    return;
  }
  var slug = root.getAttribute("data-room");
  var log = root.querySelector("[data-chat-log]");
  var typingLine = root.querySelector("[data-chat-typing]");
  var online = root.querySelector("[data-chat-online]");
  var team = root.querySelector("[data-chat-team]");
  var connection = root.querySelector("[data-chat-connection]");
  var form = root.querySelector("[data-chat-composer]");
  var input = root.querySelector("[data-chat-input]");
  var errorLine = root.querySelector("[data-chat-error]");
  var label = function (name) { return root.getAttribute("data-label-" + name) || ""; };
  var lastId = 0;
  var typers = {};

  Array.prototype.forEach.call(log.querySelectorAll("[data-message-id]"), function (item) {
    lastId = Math.max(lastId, parseInt(item.getAttribute("data-message-id"), 10) || 0);
  });

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function render(message) {
    var item = log.querySelector('[data-message-id="' + message.id + '"]');
    var fresh = !item;
    if (fresh) {
      item = document.createElement("li");
      item.className = "chat-message";
      item.setAttribute("data-message-id", String(message.id));
    }
    item.textContent = "";
    describe(item, message);
    var author = document.createElement("span");
    author.className = "chat-author";
    author.textContent = message.author.display_name;
    item.appendChild(author);
    var time = document.createElement("time");
    time.setAttribute("datetime", message.created_at);
    time.textContent = message.created_at.slice(11, 16);
    item.appendChild(time);
    if (message.edited_at && !message.deleted) {
      var edited = document.createElement("span");
      edited.className = "muted";
      edited.textContent = " (" + label("edited") + ")";
      item.appendChild(edited);
    }
    var body = document.createElement("div");
    if (message.deleted) {
      body.className = "chat-body muted";
      body.textContent = label("deleted") + (message.deleted_reason ? ": " + message.deleted_reason : "");
    } else {
      body.className = "chat-body";
      body.innerHTML = message.html; // cooked and sanitised by the hub (content.render)
    }
    item.appendChild(body);
    if (fresh) {
      // Ids increase within a room: keep the list in id order even if a push overtakes a reply.
      var after = null;
      Array.prototype.some.call(log.children, function (other) {
        if (parseInt(other.getAttribute("data-message-id"), 10) > message.id) {
          after = other;
          return true;
        }
        return false;
      });
      log.insertBefore(item, after);
      scrollDown();
    }
    lastId = Math.max(lastId, message.id);
    // chat-actions.js adds the buttons each person may use to every (re)drawn message.
    item.dispatchEvent(new CustomEvent("chat:message", { bubbles: true }));
  }

  // What the action buttons need to know about a message, as the server renders it too.
  function describe(item, message) {
    item.setAttribute("data-author-id", String(message.author.id));
    item.setAttribute("data-author", message.author.username);
    item.setAttribute("data-author-staff", message.author.is_expert ? "yes" : "no");
    item.setAttribute("data-created-at", message.created_at);
    item.toggleAttribute("data-deleted", !!message.deleted);
    if (message.deleted) {
      item.removeAttribute("data-raw");
    } else if (typeof message.raw === "string") {
      item.setAttribute("data-raw", message.raw);
    } else if (message.edited_at) {
      item.removeAttribute("data-raw"); // changed elsewhere: the shown text is the best guess
    }
  }

  // One connection per page: Socket.IO opens a new one each time a namespace is asked again.
  var socket = window.hubSocket || (window.hubSocket = window.io("/live"));

  // Tell the hub how far this member has read (resets the unread counts on all their pages),
  // at most once a second and only while the page is in view.
  var readSent = 0;
  var readTimer = null;
  function markRead() {
    if (!lastId || lastId <= readSent || document.visibilityState !== "visible") { return; }
    if (readTimer) { return; }
    readTimer = window.setTimeout(function () {
      readTimer = null;
      if (lastId > readSent && socket.connected) {
        readSent = lastId;
        socket.emit("read", { room: slug, id: lastId });
      }
    }, 1000);
  }
  document.addEventListener("visibilitychange", markRead);

  // A join or history the hub could not answer just now (busy, a dropped database connection)
  // is asked again while this connection lasts, and a catch-up cut short by a new connection
  // starts again where it stood: live messages move lastId past a gap, so skipping one
  // would leave it for good.
  var RETRY_MS = 2000;
  var catchingUpFrom = null;
  function transient(reply) {
    return !!(reply && reply.error && (reply.error.code === "busy" || reply.error.code === "server_error"));
  }
  function retrySoon(again) {
    var connectionId = socket.id;
    window.setTimeout(function () {
      if (socket.connected && socket.id === connectionId) { again(); }
    }, RETRY_MS);
  }

  // `after` is the id the page had before it (re)joined: live messages arriving while the
  // history is on its way raise lastId and must not make the next page skip the gap.
  function catchUp(after) {
    catchingUpFrom = after;
    socket.emit("history", { room: slug, after: after }, function (reply) {
      if (!reply || !reply.ok) {
        if (transient(reply)) { retrySoon(function () { catchUp(after); }); }
        return;
      }
      reply.messages.forEach(render);
      if (reply.more) {
        catchUp(reply.messages[reply.messages.length - 1].id);
      } else {
        catchingUpFrom = null;
        markRead();
      }
    });
  }

  function showPresence(event) {
    if (!event || event.room !== slug) { return; }
    online.textContent = label("online").replace("{n}", String(event.online_count));
    team.hidden = !event.team_online;
  }

  function join(since) {
    socket.emit("join", { room: slug }, function (reply) {
      if (reply && reply.ok) {
        showPresence({ room: slug, online_count: reply.room.online_count, team_online: reply.room.team_online });
        catchUp(since);
      } else if (transient(reply)) {
        retrySoon(function () { join(since); });
      }
    });
  }
  socket.on("connect", function () {
    root.setAttribute("data-live", "on");
    connection.textContent = "";
    join(catchingUpFrom === null ? lastId : Math.min(catchingUpFrom, lastId));
  });
  socket.on("disconnect", function () {
    root.setAttribute("data-live", "off");
    connection.textContent = label("offline");
  });
  socket.on("chat", function (message) {
    if (message && message.room === slug) {
      render(message);
      markRead();
    }
  });
  window.hubChat = { socket: socket, slug: slug, root: root, render: render };
  socket.on("presence", showPresence);

  function showTypers() {
    var names = Object.keys(typers);
    typingLine.textContent = names.length ? label("typing").replace("{name}", names.join(", ")) : "";
  }
  socket.on("typing", function (event) {
    if (!event || event.room !== slug) { return; }
    var name = event.user.display_name;
    window.clearTimeout(typers[name]);
    typers[name] = window.setTimeout(function () { delete typers[name]; showTypers(); }, 4000);
    showTypers();
  });

  // A moderator muted this member here: say until when and why instead of offering to write.
  var mutedLine = root.querySelector("[data-chat-muted]");
  socket.on("chat_muted", function (event) {
    if (!event || event.room !== slug || !mutedLine) { return; }
    var until = new Date(event.until);
    mutedLine.textContent = label("muted")
      .replace("{until}", until.toLocaleString([], { dateStyle: "short", timeStyle: "short" }))
      .replace("{reason}", event.reason);
    mutedLine.hidden = false;
  });

  if (!form) { return; }
  var lastTyping = 0;
  input.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTyping > 2500 && input.value.trim()) {
      lastTyping = now;
      socket.emit("typing", { room: slug });
    }
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  // Each message has a key of its own. A message that came back into the box (no answer in
  // time: it may well be stored) keeps its key when sent again, so the hub stores it once.
  var unsent = null;
  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = input.value.trim();
    if (!body) { return; }
    errorLine.hidden = true;
    // Clear at once, so the next message can be typed while this one is on its way (the ack
    // must not wipe it); a refused or lost message comes back into an empty box.
    input.value = "";
    function giveBack(message, key) {
      errorLine.textContent = message;
      errorLine.hidden = false;
      if (!input.value.trim()) { input.value = body; }
      unsent = { body: body, key: key };
    }
    var key = unsent && unsent.body === body ? unsent.key : newKey();
    unsent = null;
    socket.timeout(10000).emit("chat", { room: slug, body: body, key: key }, function (err, reply) {
      if (err || !reply) {
        giveBack(label("offline"), key);
      } else if (reply.ok) {
        render(reply.message);
      } else {
        giveBack(reply.error.message, key);
      }
    });
  });
})();
